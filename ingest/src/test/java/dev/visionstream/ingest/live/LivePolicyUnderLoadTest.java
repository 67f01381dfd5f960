package dev.visionstream.ingest.live;

import static dev.visionstream.ingest.live.CameraTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraSource;
import dev.visionstream.schemas.HealthKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera at 30 fps into a producing side that manages 10 frames/s: live policy drops the oldest frames, counts and
 * reports them, and keeps the wait between decoding and producing bounded by the queue (2 frames x 100 ms), where
 * a queue that never drops would have fallen seconds behind.
 */
class LivePolicyUnderLoadTest {
    private static final long SEND_MILLIS = 100;

    @TempDir
    Path work;

    @Test
    void slowProducingDropsOldestFramesCountsThemAndKeepsLatencyBounded() throws Exception {
        CollectedEvents events = new CollectedEvents();
        MockProducer<String, byte[]> slow = CameraTestSupport.producer(SEND_MILLIS);
        try (MjpegServer server = new MjpegServer(CameraTestSupport.jpegs(10, 320, 240), 30);
             FrameProducer producer = CameraTestSupport.frameProducer(slow, work)) {
            server.start(0);
            CameraConfig config = new CameraConfig("busy", List.of(), "live", null, null, null, null, null,
                    new CameraSource(server.url(), null, null, null, null, 3.0, 2, 1.0));
            try (LiveCamera camera = new LiveCamera(config, producer, events, (f, d) -> { }, Duration.ofSeconds(1))) {
                camera.start();
                await(() -> camera.stats().produced() >= 40, 20_000, "40 frames produced");
                CameraStats stats = camera.stats();
                await(() -> !events.health("busy", HealthKind.FRAMES_DROPPED).isEmpty(), 5_000, "drop report");

                assertTrue(stats.dropped() > stats.produced() / 2,
                        "most frames dropped at 30 fps in, 10 fps out: " + stats);
                // each produced frame waited at most for the queue ahead of it plus its own send
                double p99 = stats.latencyMillis(0.99);
                assertTrue(p99 < 3 * SEND_MILLIS + 400, "receive-to-produce p99 " + p99 + " ms stays bounded");
                long reported = events.health("busy", HealthKind.FRAMES_DROPPED).stream()
                        .mapToLong(e -> (long) e.findings().get(0).value()).sum();
                assertTrue(reported > 0 && reported <= stats.dropped(), "reported " + reported + " of " + stats);
                assertEquals(0, stats.disconnects(), "dropping is not a disconnect");
            }
        }
        assertEquals(List.of(), events.schemaViolations);
    }

    @Test
    void replayPolicyNeverDropsAndFpsCapThinsALiveCamera() throws Exception {
        CollectedEvents events = new CollectedEvents();
        try (MjpegServer server = new MjpegServer(CameraTestSupport.jpegs(10, 320, 240), 30)) {
            server.start(0);
            MockProducer<String, byte[]> slow = CameraTestSupport.producer(20);
            CameraConfig replay = new CameraConfig("every-frame", List.of(), "replay", null, null, null, null, null,
                    new CameraSource(server.url(), null, null, null, null, 3.0, 2, 1.0));
            CameraConfig capped = new CameraConfig("capped", List.of(), "live", null, null, null, null, null,
                    new CameraSource(server.url(), null, 5.0, null, null, 3.0, 2, 1.0));
            try (FrameProducer producer = CameraTestSupport.frameProducer(slow, work);
                 LiveCamera every = new LiveCamera(replay, producer, events, (f, d) -> { });
                 LiveCamera thin = new LiveCamera(capped, producer, events, (f, d) -> { })) {
                every.start();
                thin.start();
                await(() -> every.stats().produced() >= 30 && thin.stats().produced() >= 8, 20_000,
                        () -> "frames from both: " + every.stats() + " / " + thin.stats());
                assertEquals(0, every.stats().dropped(), "replay policy drops nothing: " + every.stats());
                CameraStats t = thin.stats();
                assertTrue(t.skippedByCap() > t.produced(), "a 5 fps cap on 30 fps skips most frames: " + t);
            }
        }
    }
}
