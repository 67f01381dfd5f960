package dev.visionstream.ingest.live;

import static dev.visionstream.ingest.live.CameraTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraSource;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.HealthKind;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real network stream: the test's own HTTP MJPEG camera goes silent, dies and comes back at another resolution,
 * while a {@link LiveCamera} reads it through FFmpeg.
 */
class LiveCameraReconnectTest {
    private static final String CAMERA = "door";

    @TempDir
    Path work;

    @Test
    void stallDisconnectAndReconnectAreReportedAndFramesFlowAgainAtTheNewResolution() throws Exception {
        CollectedEvents events = new CollectedEvents();
        MockProducer<String, byte[]> mock = CameraTestSupport.producer(0);
        try (MjpegServer server = new MjpegServer(CameraTestSupport.jpegs(10, 320, 240), 25)) {
            int port = server.start(0);
            CameraConfig config = new CameraConfig(CAMERA, List.of(), "live", null, null, null, null, null,
                    new CameraSource(server.url(), null, null, null, null, 1.0, 2, 1.0));
            try (FrameProducer producer = CameraTestSupport.frameProducer(mock, work);
                 LiveCamera camera = new LiveCamera(config, producer, events, (f, d) -> { })) {
                camera.start();
                await(() -> camera.stats().produced() >= 10, 15_000, "first frames");

                server.pause(true); // connection open, nothing sent: a stall
                await(() -> !events.health(CAMERA, HealthKind.STALL).isEmpty()
                        && !events.health(CAMERA, HealthKind.DISCONNECTED).isEmpty(), 10_000, "stall + disconnect");
                server.stop(); // and then the camera dies
                server.pause(false);
                Thread.sleep(1_500); // a few refused reconnects
                long producedWhileDown = camera.stats().produced();

                server.setFrames(CameraTestSupport.jpegs(10, 160, 120));
                server.start(port);
                await(() -> !events.health(CAMERA, HealthKind.RECONNECTED).isEmpty()
                        && camera.stats().produced() > producedWhileDown + 10, 20_000, "reconnect and new frames");
            }
        }
        assertEquals(List.of(), events.schemaViolations);
        assertTrue(events.firstIndex(CAMERA, HealthKind.STALL) < events.firstIndex(CAMERA, HealthKind.RECONNECTED));
        assertTrue(events.firstIndex(CAMERA, HealthKind.DISCONNECTED)
                < events.firstIndex(CAMERA, HealthKind.RECONNECTED));
        assertEquals(1, events.health(CAMERA, HealthKind.RESOLUTION_CHANGE).size());
        assertTrue(events.health(CAMERA, HealthKind.RESOLUTION_CHANGE).get(0).findings().get(0).message()
                .contains("320x240 to 160x120"));
        assertTrue(events.errors(CAMERA).stream().anyMatch(e -> e.message().contains("cannot open")),
                "refused reconnects are reported: " + events.errors(CAMERA));

        List<ProducerRecord<String, byte[]>> sent = mock.history();
        ProducerRecord<String, byte[]> last = sent.get(sent.size() - 1);
        assertEquals("160", FrameHeaders.string(last.headers(), FrameHeaders.WIDTH).orElseThrow());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i, FrameHeaders.number(sent.get(i).headers(), FrameHeaders.SEQUENCE).getAsLong(),
                    "sequences run on across reconnects");
        }
        // MJPEG over HTTP carries no timestamps of its own
        assertEquals(CaptureTimeSource.HOST.headerValue(),
                FrameHeaders.string(last.headers(), FrameHeaders.CAPTURE_TIME_SOURCE).orElseThrow());
    }
}
