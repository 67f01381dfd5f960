package dev.visionstream.app.metrics;

import static dev.visionstream.app.metrics.ScrapeTestSupport.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VisionMetricsTest {

    @Test
    void scrapeShowsLatencyHistogramAndCountersWithTheirLabels() throws Exception {
        try (VisionMetrics metrics = new VisionMetrics()) {
            metrics.recordEvent("counting", "cam-1", 1_000, 1_003);   // 3 ms
            metrics.recordEvent("counting", "cam-1", 2_000, 2_040);   // 40 ms
            metrics.recordEvent("counting", "cam-2", 3_000, 3_700);   // 700 ms
            metrics.recordError("decode", "UNDECODABLE_FRAME");

            String text = ScrapeTestSupport.scrape(metrics.startServer(0));

            String latency = "vision_capture_to_event_latency_seconds";
            String cam1 = "camera=\"cam-1\",stage=\"counting\"";
            String cam2 = "camera=\"cam-2\",stage=\"counting\"";
            assertTrue(text.contains("# TYPE " + latency + " histogram"), text);
            assertEquals(0, sample(text, latency + "_bucket{" + cam1 + ",le=\"0.001\"}"));
            assertEquals(1, sample(text, latency + "_bucket{" + cam1 + ",le=\"0.005\"}"));
            assertEquals(2, sample(text, latency + "_bucket{" + cam1 + ",le=\"0.05\"}"));
            assertEquals(2, sample(text, latency + "_bucket{" + cam1 + ",le=\"10.0\"}"));
            assertEquals(2, sample(text, latency + "_bucket{" + cam1 + ",le=\"+Inf\"}"));
            assertEquals(2, sample(text, latency + "_count{" + cam1 + "}"));
            assertEquals(0.043, sample(text, latency + "_sum{" + cam1 + "}"), 1e-9);
            assertEquals(0, sample(text, latency + "_bucket{" + cam2 + ",le=\"0.5\"}"));
            assertEquals(1, sample(text, latency + "_bucket{" + cam2 + ",le=\"1.0\"}"));

            assertTrue(text.contains("# TYPE vision_frames_total counter"), text);
            assertEquals(2, sample(text, "vision_frames_total{" + cam1 + "}"));
            assertEquals(1, sample(text, "vision_frames_total{" + cam2 + "}"));
            assertTrue(text.contains("# TYPE vision_errors_total counter"), text);
            assertEquals(1, sample(text, "vision_errors_total{reason=\"UNDECODABLE_FRAME\",stage=\"decode\"}"));
        }
    }

    @Test
    void quantilesAreExactRecordedValues() {
        VisionMetrics metrics = new VisionMetrics();
        for (int millis = 100; millis >= 1; millis--) {   // order must not matter
            metrics.recordEvent("inpainting", "cam-1", 10_000, 10_000 + millis);
        }
        LatencyQuantiles q = metrics.latencyQuantiles("inpainting");
        assertEquals(100, q.samples());
        assertEquals(50.0, q.p50Millis());
        assertEquals(95.0, q.p95Millis());
        assertEquals(99.0, q.p99Millis());
    }

    @Test
    void unknownStageHasNoQuantilesAndNoRate() {
        VisionMetrics metrics = new VisionMetrics();
        assertTrue(metrics.latencyQuantiles("splatting").isEmpty());
        assertTrue(Double.isNaN(metrics.latencyQuantiles("splatting").p50Millis()));
        assertEquals(0.0, metrics.framesPerSecond("splatting"));
        assertEquals(0, metrics.frameCount("splatting"));
    }

    @Test
    void captureTimeAheadOfEmitTimeCountsAsZeroLatency() {
        VisionMetrics metrics = new VisionMetrics();
        metrics.recordEvent("pose-ik", "cam-1", 5_000, 4_990);
        assertEquals(0.0, metrics.latencyQuantiles("pose-ik").p99Millis());
    }

    @Test
    void frameRateIsFramesOverTimeSinceFirstFramePerStageAndCamera() {
        AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        VisionMetrics metrics = new VisionMetrics(nanos::get);
        for (int i = 0; i < 10; i++) {
            metrics.recordEvent("counting", "cam-1", 0, 10);
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        for (int i = 0; i < 10; i++) {
            metrics.recordEvent("counting", "cam-2", 0, 10);
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));

        assertEquals(20, metrics.frameCount("counting"));
        assertEquals(10.0, metrics.framesPerSecond("counting"), 1e-9);          // 20 frames over 2 s
        assertEquals(5.0, metrics.framesPerSecond("counting", "cam-1"), 1e-9);  // 10 frames over 2 s
        assertEquals(10.0, metrics.framesPerSecond("counting", "cam-2"), 1e-9); // 10 frames over 1 s
        assertEquals(0.0, metrics.framesPerSecond("counting", "cam-3"));
    }

    @Test
    void summaryLineCoversEveryStageAndErrorReason() {
        AtomicLong nanos = new AtomicLong();
        VisionMetrics metrics = new VisionMetrics(nanos::get);
        for (int millis = 1; millis <= 100; millis++) {
            metrics.recordEvent("camera-health", "cam-1", 0, millis);
        }
        metrics.recordEvent("counting", "cam-1", 0, 250);
        metrics.recordError("camera-health", "UNDECODABLE_FRAME");
        metrics.recordError("counting", "BAD_CONFIG");
        metrics.recordError("counting", "BAD_CONFIG");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));

        assertEquals("metrics: camera-health 100 frames @ 25.0 fps, latency p50 50 ms p95 95 ms p99 99 ms; "
                        + "counting 1 frames @ 0.3 fps, latency p50 250 ms p95 250 ms p99 250 ms; "
                        + "errors 3 (BAD_CONFIG 2, UNDECODABLE_FRAME 1)",
                metrics.summaryLine());
    }

    @Test
    void summaryLineBeforeAnyFrame() {
        assertEquals("metrics: no frames; errors 0", new VisionMetrics().summaryLine());
    }

    @Test
    void serverStartsOnceAndStopsOnClose() throws Exception {
        VisionMetrics metrics = new VisionMetrics();
        int port = metrics.startServer(0);
        assertTrue(port > 0);
        assertThrows(IllegalStateException.class, () -> metrics.startServer(0));
        metrics.close();
        assertThrows(IOException.class, () -> ScrapeTestSupport.scrape(port));
    }

    @Test
    void instancesDoNotShareSeries() {
        VisionMetrics first = new VisionMetrics();
        VisionMetrics second = new VisionMetrics();
        first.recordEvent("counting", "cam-1", 0, 5);
        assertEquals(0, second.registry().scrape().stream()
                .mapToLong(snapshot -> snapshot.getDataPoints().size()).sum());
    }
}
