package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.FrameHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourcesTest {
    private static final Instant START = Instant.parse("2024-02-02T02:02:02Z");

    @TempDir
    Path dir;

    @Test
    void folderOpensAsImageFolderWithOptionalRate() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("frames"));
        TestMedia.writeImage(folder.resolve("0001.png"), TestMedia.picture(16, 16, 0), "png");

        try (FrameSource plain = FrameSources.open(folder, "cam")) {
            assertInstanceOf(ImageFolderSource.class, plain);
            assertEquals(CaptureTimeSource.FILE_TIME, plain.next().orElseThrow().captureTimeSource());
        }
        SourceOptions paced = SourceOptions.defaults().withStart(START).withFolderFrameRate(25);
        try (FrameSource source = FrameSources.open(folder, "cam", paced)) {
            assertEquals(OptionalDouble.of(25), source.frameRate());
            assertEquals(START, source.next().orElseThrow().captureTime());
        }
    }

    @Test
    void fileOpensAsVideoWithTheEncoderSettings() throws IOException {
        Path video = TestMedia.writeVideo(dir.resolve("clip.mkv"), 3, 64, 48, 10);
        SourceOptions options = SourceOptions.defaults().withStart(START).withJpeg(0.7f, 32);
        try (FrameSource source = FrameSources.open(video, "cam", options)) {
            assertInstanceOf(VideoFileSource.class, source);
            Frame first = source.next().orElseThrow();
            assertEquals(START, first.captureTime());
            assertEquals(32, first.width());
        }
    }

    @Test
    void nothingThereIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> FrameSources.open(dir.resolve("absent"), "cam"));
    }

    /** The whole ingest path on a recording: video file → frames → records, nothing lost, nothing reordered. */
    @Test
    void videoIngestsIntoOneRecordPerFrame() throws Exception {
        Path video = TestMedia.writeVideo(dir.resolve("clip.avi"), 15, 64, 48, 15);
        MockProducer<String, byte[]> mock =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        long sent;
        try (FrameSource source = FrameSources.open(video, "cam-e2e", SourceOptions.defaults().withStart(START));
             FrameProducer producer = new FrameProducer(mock, new LocalArtifactStore(dir.resolve("store")), 1 << 20)) {
            sent = new IngestRun(source, producer).run();
        }

        assertEquals(15, sent);
        assertEquals(15, mock.history().size());
        for (int i = 0; i < 15; i++) {
            var record = mock.history().get(i);
            assertEquals("cam-e2e", record.key());
            assertEquals(i, FrameHeaders.number(record.headers(), FrameHeaders.SEQUENCE).orElseThrow());
            assertEquals(START.toEpochMilli() + Math.round(i * 1000.0 / 15), record.timestamp(), 1.0);
            assertTrue(ImageContentTypes.sniff(record.value()).isPresent());
        }
    }
}
