package dev.visionstream.app.stages.camerahealth;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.TestFrames;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera-health stage through the service topology: its rules per frame, and stall alerts on the timer. */
class CameraHealthStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HEALTH_ONLY = "{\"cameraId\":\"%s\",\"stages\":[\"camera-health\"],"
            + "\"health\":{\"frozenRepeats\":3,\"stallSeconds\":5}}";

    private final TestFrames frames = new TestFrames();
    @TempDir
    Path stateDir;
    private TopologyTestSupport topology;
    private TestOutputTopic<String, String> health;

    @BeforeEach
    void start() {
        topology = TopologyTestSupport.start(List.of(new CameraHealthStage(Duration.ofSeconds(1))), stateDir, T0);
        health = topology.output(Topics.CAMERA_HEALTH);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void send(String camera, long seq, byte[] bytes) {
        topology.sendFrame(camera, seq, bytes, "image/png", T0.plusMillis(100 * seq));
    }

    @Test
    void healthRulesFireThroughTheTopology() throws Exception {
        topology.cameras().pipeInput("cam-h", HEALTH_ONLY.formatted("cam-h"));
        byte[] still = frames.changing(64, 48);
        send("cam-h", 1, still);
        send("cam-h", 2, still);
        send("cam-h", 3, still);
        send("cam-h", 4, frames.uniform(64, 48, 2));
        send("cam-h", 5, frames.uniform(64, 48, 254));
        send("cam-h", 8, frames.changing(32, 24));
        List<List<String>> kinds = drain(health, CameraHealthEvent.class).stream()
                .map(e -> {
                    List<String> k = new ArrayList<>();
                    e.get("findings").forEach(f -> k.add(f.get("kind").asText()));
                    return k;
                }).toList();
        assertEquals(List.of(List.of(), List.of(), List.of("FROZEN"), List.of("BLACK"), List.of("OVEREXPOSED"),
                List.of("RESOLUTION_CHANGE", "SEQUENCE_GAP")), kinds);
    }

    @Test
    void aSilentCameraRaisesOneStallAlertOnTheWallClockTimer() throws Exception {
        topology.cameras().pipeInput("cam-s", HEALTH_ONLY.formatted("cam-s"));
        send("cam-s", 1, frames.changing(32, 32));
        health.readValuesToList();
        topology.driver().advanceWallClockTime(Duration.ofSeconds(3));
        assertTrue(health.isEmpty());
        topology.driver().advanceWallClockTime(Duration.ofSeconds(3));
        topology.driver().advanceWallClockTime(Duration.ofSeconds(3));
        List<TestRecord<String, String>> stalls = health.readRecordsToList();
        assertEquals(1, stalls.size());
        assertEquals("cam-s", stalls.get(0).key());
        JsonNode stall = Json.MAPPER.readTree(stalls.get(0).value());
        assertEquals(List.of(), EventSchemas.violations(CameraHealthEvent.class, stall));
        assertEquals("STALL", stall.at("/findings/0/kind").asText());
        assertEquals(1, stall.at("/source/sequence").asLong());
        assertNull(stall.get("frame"));
    }
}
