package dev.visionstream.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's HTTP side without Kafka: state fed directly, read back as a browser would. */
class ConsoleServerTest {
    @TempDir
    Path dir;

    private final ConsoleState state = new ConsoleState();
    /** Offsets the server asked the frame lookup for. */
    private final List<Long> asked = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalArtifactStore artifacts;
    private ConsoleServer server;

    @BeforeEach
    void start() {
        artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        FrameLookup frames = at -> {
            asked.add(at.offset());
            return Optional.of(new Picture(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "image/jpeg"));
        };
        server = new ConsoleServer(state, frames, artifacts, dir.resolve("assets"), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] error(String camera, long offset, String message) throws Exception {
        return Json.MAPPER.writeValueAsBytes(Map.of("id", "e" + offset, "stage", "admission", "reason", "BAD_INPUT",
                "message", message, "source", Map.of("cameraId", camera, "topic", "vision.frames",
                        "partition", 0, "offset", offset)));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Reads {@code count} events from the stream, optionally resuming after {@code lastId}. */
    private List<JsonNode> events(Long lastId, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20));
        if (lastId != null) {
            request.header("Last-Event-ID", Long.toString(lastId));
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while (out.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    out.add(Json.MAPPER.readTree(line.substring(5).trim()));
                }
            }
        }
        return out;
    }

    @Test
    void aBrowserThatReconnectsGetsEveryEventOnceInOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            state.event("error", error("cam-1", i, "bad frame " + i));
        }
        List<JsonNode> first = events(null, 3);
        assertEquals(List.of(1L, 2L, 3L), first.stream().map(e -> e.get("id").asLong()).toList());
        // more happens while the browser is away; it resumes after the last id it saw
        for (int i = 5; i < 8; i++) {
            state.event("error", error("cam-1", i, "bad frame " + i));
        }
        List<JsonNode> resumed = events(3L, 5);
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), resumed.stream().map(e -> e.get("id").asLong()).toList());
        assertEquals("bad frame 7", resumed.get(4).at("/event/message").asText());
        assertEquals("error", resumed.get(4).get("kind").asText());
    }

    @Test
    void liveEventsFollowTheReplayWithoutAGap() throws Exception {
        state.event("error", error("cam-1", 0, "before"));
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(300);
                for (int i = 1; i < 40; i++) {
                    state.event("error", error("cam-1", i, "live " + i));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer.start();
        List<JsonNode> all = events(null, 40);
        producer.join();
        for (int i = 0; i < 40; i++) {
            assertEquals(i + 1, all.get(i).get("id").asLong());
        }
    }

    @Test
    void picturesAreServedOnlyWhenAnEventReferredToThem() throws Exception {
        ArtifactRef overlay = artifacts.put(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        ArtifactRef secret = artifacts.put("private bytes".getBytes(StandardCharsets.UTF_8), "text/plain");
        state.event("count", Json.MAPPER.writeValueAsBytes(Map.of("count", 3, "source",
                Map.of("cameraId", "cam-1", "sequence", 7), "densityOverlay", overlay)));
        HttpResponse<byte[]> ok = get("/api/artifacts/" + overlay.sha256());
        assertEquals(200, ok.statusCode());
        assertEquals("image/png", ok.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, get("/api/artifacts/" + secret.sha256()).statusCode(), "never referred to by an event");
        for (String probe : List.of("/api/artifacts/..%2F..%2Fetc%2Fpasswd", "/api/artifacts/../../pom.xml",
                "/static/../../pom.xml", "/static/%2e%2e/%2e%2e/pom.xml", "/api/frames/cam-1/..%2F1",
                "/lib/..%2F..%2Fpom.xml")) {
            int status = get(probe).statusCode();
            assertTrue(status == 404 || status == 400, probe + " gave " + status);
        }
    }

    @Test
    void framesAreReadWhereEventsPointAndAlertsPinTheirs() throws Exception {
        state.config("cam-1", "{\"cameraId\":\"cam-1\",\"stages\":[\"camera-health\"]}".getBytes(
                StandardCharsets.UTF_8));
        ConsoleEvent alert = state.event("health", health(42, List.of(Map.of("kind", "BLACK"))));
        assertEquals("/api/frames/cam-1/42", alert.links().get("frame"));
        for (int s = 43; s < 43 + ConsoleState.RECENT_FRAMES + 5; s++) {
            state.event("health", health(s, List.of()));
            state.event("error", stageError(s)); // a second stage on the same frame: counted once
        }
        assertEquals(200, get("/api/frames/cam-1/42").statusCode(), "the alert's frame outlives the recent window");
        assertEquals(List.of(1000L + 42), asked, "read at the offset its event gave");
        assertEquals(404, get("/api/frames/cam-1/43").statusCode(), "an unpinned old frame does not");
        HttpResponse<byte[]> latest = get("/api/frames/cam-1/latest");
        assertEquals(200, latest.statusCode());
        assertEquals("image/jpeg", latest.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1000L + 42 + ConsoleState.RECENT_FRAMES + 5, asked.get(asked.size() - 1));
        JsonNode cameras = Json.MAPPER.readTree(get("/api/cameras").body());
        assertEquals("ok", cameras.at("/cameras/0/status").asText());
        assertEquals(ConsoleState.RECENT_FRAMES + 6, cameras.at("/cameras/0/frames").asLong());
    }

    private static byte[] health(long sequence, List<Map<String, String>> findings) throws Exception {
        return Json.MAPPER.writeValueAsBytes(Map.of("source", frame(sequence), "captureTime",
                Instant.ofEpochSecond(sequence).toString(), "findings", findings));
    }

    private static byte[] stageError(long sequence) throws Exception {
        return Json.MAPPER.writeValueAsBytes(Map.of("stage", "counting", "reason", "MODEL_FAILED", "source",
                frame(sequence)));
    }

    private static Map<String, Object> frame(long sequence) {
        return Map.of("cameraId", "cam-1", "topic", "vision.frames", "partition", 0, "offset", 1000 + sequence,
                "sequence", sequence);
    }

    @Test
    void itOffersNoWayToChangeAnything() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/cameras")).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(r.statusCode() == 404 || r.statusCode() == 405, method + " gave " + r.statusCode());
        }
    }
}
