package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CaptureTimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @TempDir
    Path folder;

    /** a.jpg (JPEG 40x30), b.png (PNG 50x40), b2.txt, c.jpg (PNG bytes 60x20), d.bmp (BMP 30x30), sub/e.png. */
    @BeforeEach
    void writeFolder() throws IOException {
        TestMedia.writeImage(folder.resolve("c.jpg"), TestMedia.picture(60, 20, 3), "png");
        TestMedia.writeImage(folder.resolve("a.jpg"), TestMedia.picture(40, 30, 1), "jpeg");
        TestMedia.writeImage(folder.resolve("d.bmp"), TestMedia.picture(30, 30, 4), "bmp");
        TestMedia.writeImage(folder.resolve("b.png"), TestMedia.picture(50, 40, 2), "png");
        Files.writeString(folder.resolve("b2.txt"), "not an image");
        Files.createDirectory(folder.resolve("sub"));
        TestMedia.writeImage(folder.resolve("sub/e.png"), TestMedia.picture(10, 10, 5), "png");
        String[] names = {"a.jpg", "b.png", "b2.txt", "c.jpg", "d.bmp"};
        for (int i = 0; i < names.length; i++) {
            Files.setLastModifiedTime(folder.resolve(names[i]), FileTime.from(T0.plusSeconds(i)));
        }
    }

    @Test
    void yieldsImagesInNameOrderWithGaplessSequencesAndFileTimes() throws IOException {
        List<Frame> frames = readAll(new ImageFolderSource(folder, "cam-f"));

        assertEquals(List.of(0L, 1L, 2L, 3L), frames.stream().map(Frame::sequence).toList());
        assertEquals(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(4)),
                frames.stream().map(Frame::captureTime).toList(), "a, b, c, d: the text file is skipped");
        assertTrue(frames.stream().allMatch(f -> f.captureTimeSource() == CaptureTimeSource.FILE_TIME));
        assertTrue(frames.stream().allMatch(f -> f.cameraId().equals("cam-f")));
    }

    @Test
    void jpegAndPngPassThroughUnchangedWithHeaderSizes() throws IOException {
        List<Frame> frames = readAll(new ImageFolderSource(folder, "cam-f"));

        assertFrame(frames.get(0), ImageContentTypes.JPEG, 40, 30);
        assertArrayEquals(Files.readAllBytes(folder.resolve("a.jpg")), frames.get(0).bytes());
        assertFrame(frames.get(1), ImageContentTypes.PNG, 50, 40);
        assertArrayEquals(Files.readAllBytes(folder.resolve("b.png")), frames.get(1).bytes());
    }

    @Test
    void contentTypeComesFromTheBytesNotTheExtension() throws IOException {
        Frame pngNamedJpg = readAll(new ImageFolderSource(folder, "cam-f")).get(2);
        assertFrame(pngNamedJpg, ImageContentTypes.PNG, 60, 20);
        assertArrayEquals(Files.readAllBytes(folder.resolve("c.jpg")), pngNamedJpg.bytes());
    }

    @Test
    void otherImageFormatsAreReencodedAsJpeg() throws IOException {
        Frame bmp = readAll(new ImageFolderSource(folder, "cam-f")).get(3);
        assertFrame(bmp, ImageContentTypes.JPEG, 30, 30);
        assertEquals(Optional.of(ImageContentTypes.JPEG), ImageContentTypes.sniff(bmp.bytes()));
    }

    @Test
    void brokenImagesAreSkippedWithoutEndingTheFolder() throws IOException {
        byte[] truncatedJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'};
        Files.write(folder.resolve("a0-broken.jpg"), truncatedJpeg);
        byte[] pngSignatureOnly = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
        Files.write(folder.resolve("a1-broken.png"), pngSignatureOnly);

        List<Frame> frames = readAll(new ImageFolderSource(folder, "cam-f"));

        assertEquals(4, frames.size());
        assertEquals(0, frames.get(0).sequence());
        assertFrame(frames.get(0), ImageContentTypes.JPEG, 40, 30);
    }

    @Test
    void aBitmapDeclaringTooManyPixelsIsSkippedAndTheFolderGoesOn() throws IOException {
        // a 54-byte BMP header declaring 50000 x 50000 24-bit pixels and no pixel data
        ByteBuffer bmp = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        bmp.putInt(40).putInt(50_000).putInt(50_000).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        Files.write(folder.resolve("a0-huge.bmp"), bmp.array());

        List<Frame> frames = readAll(new ImageFolderSource(folder, "cam-f"));

        assertEquals(4, frames.size());
        assertFrame(frames.get(0), ImageContentTypes.JPEG, 40, 30);
    }

    @Test
    void withAFrameRateFramesAreStampedFromTheStart() throws IOException {
        ImageFolderSource source = new ImageFolderSource(folder, "cam-f", 4.0, T0);
        assertEquals(OptionalDouble.of(4.0), source.frameRate());

        List<Frame> frames = readAll(source);
        assertEquals(List.of(T0, T0.plusMillis(250), T0.plusMillis(500), T0.plusMillis(750)),
                frames.stream().map(Frame::captureTime).toList());
        assertTrue(frames.stream().allMatch(f -> f.captureTimeSource() == CaptureTimeSource.CONTAINER));
    }

    @Test
    void withoutAFrameRateTheRateIsUnknown() throws IOException {
        assertEquals(OptionalDouble.empty(), new ImageFolderSource(folder, "cam-f").frameRate());
    }

    @Test
    void staysExhaustedAfterTheLastImage() throws IOException {
        try (ImageFolderSource source = new ImageFolderSource(folder, "cam-f")) {
            readAll(source);
            assertTrue(source.next().isEmpty());
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void refusesNonPositiveFrameRates() {
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderSource(folder, "cam", 0, T0));
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderSource(folder, "cam", -5, T0));
    }

    private static void assertFrame(Frame frame, String contentType, int width, int height) {
        assertEquals(contentType, frame.contentType(), frame.toString());
        assertEquals(width, frame.width(), frame.toString());
        assertEquals(height, frame.height(), frame.toString());
    }

    private static List<Frame> readAll(FrameSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        return frames;
    }
}
