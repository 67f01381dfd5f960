package dev.visionstream.ingest.live;

import static dev.visionstream.ingest.live.CameraTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraSource;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many cameras in one process: bad sources are reported one by one and never hold up a good camera. */
class IngestSupervisorTest {
    @TempDir
    Path work;

    @Test
    void unreachableUrlNonVideoFileAndMissingDeviceEachGiveAnErrorWhileTheGoodCameraKeepsStreaming()
            throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path notVideo = Files.write(work.resolve("upload.dat"), noise);
        CollectedEvents events = new CollectedEvents();
        MockProducer<String, byte[]> mock = CameraTestSupport.producer(0);
        try (MjpegServer server = new MjpegServer(CameraTestSupport.jpegs(5, 320, 240), 25);
             FrameProducer producer = CameraTestSupport.frameProducer(mock, work.resolve("artifacts"));
             IngestSupervisor supervisor = new IngestSupervisor(producer, events, (f, d) -> { })) {
            server.start(0);
            supervisor.apply(camera("good", server.url(), "live"));
            supervisor.apply(camera("unreachable", "http://127.0.0.1:" + closedPort() + "/video.mjpg", "live"));
            supervisor.apply(camera("not-video", notVideo.toString(), "replay"));
            supervisor.apply(camera("no-device", "v4l2:///dev/video-that-does-not-exist", "live"));

            await(() -> !events.errors("unreachable").isEmpty() && !events.errors("not-video").isEmpty()
                    && !events.errors("no-device").isEmpty(), 15_000,
                    () -> "an error event per bad source, got " + events);
            long before = supervisor.cameras().get("good").stats().produced();
            await(() -> supervisor.cameras().get("good").stats().produced() > before + 20, 10_000,
                    "the good camera streaming on");

            assertEquals(0, events.errors("good").size(), "the good camera is unaffected");
            assertError(events, "unreachable", "Connection refused");
            assertError(events, "not-video", notVideo.toString());
            assertError(events, "no-device", "video-that-does-not-exist");
            assertTrue(supervisor.cameras().get("not-video").finished(), "a file that cannot be read is given up");
            assertEquals(List.of(), events.schemaViolations);

            // removed at run time: that camera stops, the others go on
            supervisor.remove("good");
            assertEquals(3, supervisor.cameras().size());
        }
    }

    private static void assertError(CollectedEvents events, String camera, String expectedText) {
        ErrorEvent e = events.errors(camera).get(0);
        assertEquals(ErrorReason.SOURCE_UNAVAILABLE, e.reason());
        assertEquals(IngestEvents.STAGE, e.stage());
        assertTrue(e.message().contains(expectedText), camera + ": " + e.message());
    }

    static CameraConfig camera(String id, String url, String policy) {
        return new CameraConfig(id, List.of("camera-health"), policy, null, null, null, null, null,
                new CameraSource(url, null, null, null, null, 2.0, 2, 1.0));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
