package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CaptureTimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OpenCV sample recording {@code vtest.avi} (MS-MPEG4v3, 768x576, 795 frames at 10 fps). */
class VtestVideoTest {
    private static final Instant ANCHOR = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void firstFramesHaveTheRecordingsSizeAndTenFpsTimes() throws IOException {
        Path vtest = TestMedia.asset(TestMedia.VTEST);
        try (VideoFileSource source = new VideoFileSource(vtest, "vtest", ANCHOR, new FrameEncoder())) {
            assertEquals(10.0, source.frameRate().orElseThrow(), 1e-6);
            for (int i = 0; i < 50; i++) {
                Frame frame = source.next().orElseThrow();
                assertEquals(i, frame.sequence());
                assertEquals(768, frame.width());
                assertEquals(576, frame.height());
                assertEquals(CaptureTimeSource.CONTAINER, frame.captureTimeSource());
                assertEquals(Duration.ofMillis(100L * i), Duration.between(ANCHOR, frame.captureTime()));
            }
        }
    }

    /** Also the decode + JPEG encode throughput figure: printed, not asserted. */
    @Test
    void allFramesDecode() throws IOException {
        Path vtest = TestMedia.asset(TestMedia.VTEST);
        long frames = 0;
        long bytes = 0;
        Instant last = null;
        long start = System.nanoTime();
        try (VideoFileSource source = new VideoFileSource(vtest, "vtest", ANCHOR, new FrameEncoder())) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                if (last != null) {
                    assertTrue(f.get().captureTime().isAfter(last), "capture times increase");
                }
                last = f.get().captureTime();
                bytes += f.get().bytes().length;
                frames++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("vtest.avi: %d frames decoded + JPEG-encoded (q=%.2f) in %.2f s = %.1f frames/s, "
                        + "mean JPEG %.1f KB%n", frames, FrameEncoder.DEFAULT_QUALITY, seconds, frames / seconds,
                bytes / 1024.0 / frames);
        assertEquals(795, frames);
        assertEquals(Duration.ofMillis(79_400), Duration.between(ANCHOR, last));
    }
}
