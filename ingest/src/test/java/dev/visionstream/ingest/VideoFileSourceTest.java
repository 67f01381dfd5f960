package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CaptureTimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileSourceTest {
    private static final Instant ANCHOR = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void decodesEveryFrameAsJpegStampedFromTheAnchor() throws IOException {
        Path video = TestMedia.writeVideo(dir.resolve("clip.avi"), 15, 64, 48, 15);

        List<Frame> frames = new ArrayList<>();
        try (VideoFileSource source = new VideoFileSource(video, "cam-v", ANCHOR, new FrameEncoder())) {
            assertEquals(15.0, source.frameRate().orElseThrow(), 1e-6);
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
            assertTrue(source.next().isEmpty(), "an ended source stays ended");
        }

        assertEquals(15, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            assertEquals("cam-v", frame.cameraId());
            assertEquals(i, frame.sequence());
            assertEquals(64, frame.width());
            assertEquals(48, frame.height());
            assertEquals(ImageContentTypes.JPEG, frame.contentType());
            assertEquals(CaptureTimeSource.CONTAINER, frame.captureTimeSource());
            assertEquals(ImageContentTypes.JPEG, ImageContentTypes.sniff(frame.bytes()).orElseThrow());
            assertEquals(new ImageDimensions(64, 48), ImageDimensions.read(frame.bytes()).orElseThrow());
            Duration offset = Duration.between(ANCHOR, frame.captureTime());
            assertEquals(i * 1000.0 / 15, offset.toNanos() / 1e6, 1.0, "frame " + i + " at i / fps");
        }
        assertEquals(ANCHOR, frames.get(0).captureTime());
        for (int i = 1; i < frames.size(); i++) {
            assertTrue(frames.get(i).captureTime().isAfter(frames.get(i - 1).captureTime()));
            // the moving square makes consecutive frames differ; identical bytes would mean a stale buffer
            assertTrue(!Arrays.equals(frames.get(i).bytes(), frames.get(i - 1).bytes()));
        }
    }

    @Test
    void maxWidthScalesFramesDown() throws IOException {
        Path video = TestMedia.writeVideo(dir.resolve("clip.avi"), 3, 64, 48, 10);
        try (VideoFileSource source = new VideoFileSource(video, "cam-v", ANCHOR, new FrameEncoder(0.8f, 32))) {
            Frame first = source.next().orElseThrow();
            assertEquals(32, first.width());
            assertEquals(24, first.height());
            assertEquals(new ImageDimensions(32, 24), ImageDimensions.read(first.bytes()).orElseThrow());
        }
    }

    @Test
    void missingFileIsReportedAsSuch() {
        assertThrows(NoSuchFileException.class, () -> new VideoFileSource(dir.resolve("none.avi"), "cam"));
    }

    @Test
    void fileThatIsNotAVideoFailsToOpenWithIoException() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.avi"), "not a video at all");
        IOException e = assertThrows(IOException.class, () -> new VideoFileSource(text, "cam"));
        assertTrue(e.getMessage().contains("notes.avi"), e.getMessage());
    }

    @Test
    void capturedBytesAreStableAfterLaterGrabs() throws IOException {
        Path video = TestMedia.writeVideo(dir.resolve("clip.avi"), 4, 64, 48, 10);
        try (VideoFileSource source = new VideoFileSource(video, "cam-v", ANCHOR, new FrameEncoder())) {
            Frame first = source.next().orElseThrow();
            byte[] copy = first.bytes().clone();
            source.next();
            source.next();
            assertArrayEquals(copy, first.bytes(), "a frame must not share buffers with the decoder or encoder");
        }
    }
}
