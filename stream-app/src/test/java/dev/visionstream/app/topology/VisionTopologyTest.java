package dev.visionstream.app.topology;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String HEALTH_ONLY = "{\"cameraId\":\"%s\",\"stages\":[\"camera-health\"],"
            + "\"health\":{\"frozenRepeats\":3,\"stallSeconds\":5}}";

    private final TestFrames frames = new TestFrames();
    private final List<Publication> observed = new ArrayList<>();
    private final Map<String, byte[]> claims = new HashMap<>();
    @TempDir
    Path stateDir;
    private TopologyTestSupport topology;
    private TestInputTopic<String, byte[]> frameTopic;
    private TestInputTopic<String, String> cameraTopic;
    private TestOutputTopic<String, String> healthTopic;
    private TestOutputTopic<String, String> errorTopic;
    private TestOutputTopic<String, String> probeTopic;

    /** A second stage that fails on sequence 2, to show one stage's failure does not affect others. */
    private static final class FailingProbeStage implements FrameStage {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Processor<String, StageInput, String, Publication> newProcessor() {
            return new Processor<>() {
                private ProcessorContext<String, Publication> context;

                @Override
                public void init(ProcessorContext<String, Publication> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, StageInput> record) {
                    if (record.value().sequence() == 2) {
                        throw new IllegalStateException("probe cannot handle frame 2");
                    }
                    context.forward(record.withValue(new Publication("probe.out",
                            new ErrorEvent("p" + record.value().sequence(), 1, "probe", record.value().source(),
                                    record.value().captureTime(), Instant.now(),
                                    ErrorReason.BAD_INPUT, "seen", null))));
                }
            };
        }
    }

    @BeforeEach
    void start() {
        ClaimCheckResolver resolver = (uri, sha) -> {
            byte[] b = claims.get(uri);
            if (b == null) {
                throw new IllegalArgumentException("missing artifact " + uri);
            }
            return b;
        };
        topology = TopologyTestSupport.start(List.of(new CameraHealthStage(Duration.ofSeconds(1)),
                new FailingProbeStage()), resolver, observed::add, stateDir, T0);
        frameTopic = topology.frames();
        cameraTopic = topology.cameras();
        healthTopic = topology.output(Topics.CAMERA_HEALTH);
        errorTopic = topology.output(Topics.ERRORS);
        probeTopic = topology.output("probe.out");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void send(String camera, long seq, byte[] bytes) {
        send(camera, seq, bytes, "image/png");
    }

    private void send(String camera, long seq, byte[] bytes, String contentType) {
        topology.sendFrame(camera, seq, bytes, contentType, T0.plusMillis(100 * seq));
    }

    private static JsonNode json(String value) throws Exception {
        return Json.MAPPER.readTree(value);
    }

    @Test
    void everyFrameOfAConfiguredCameraGetsOneHealthEvaluationWithItsSourceCoordinates() throws Exception {
        cameraTopic.pipeInput("cam-a", HEALTH_ONLY.formatted("cam-a"));
        for (long seq = 1; seq <= 4; seq++) {
            send("cam-a", seq, frames.changing(64, 48));
        }
        List<JsonNode> health = drain(healthTopic, CameraHealthEvent.class);
        assertEquals(4, health.size());
        for (int i = 0; i < 4; i++) {
            JsonNode e = health.get(i);
            assertEquals("ok", e.get("status").asText());
            assertEquals("cam-a", e.at("/source/cameraId").asText());
            assertEquals(Topics.FRAMES, e.at("/source/topic").asText());
            assertEquals(i, e.at("/source/offset").asLong());
            assertEquals(i + 1, e.at("/source/sequence").asLong());
            assertEquals(T0.plusMillis(100L * (i + 1)).toString(), e.get("captureTime").asText());
            assertEquals(64, e.at("/frame/width").asInt());
        }
        assertEquals(4, observed.size(), "the listener sees every publication; probe is not enabled for cam-a");
    }

    @Test
    void routesOnlyToStagesTheCameraEnablesAndPicksUpConfigChangesWithoutRestart() throws Exception {
        cameraTopic.pipeInput("cam-b", "{\"cameraId\":\"cam-b\",\"stages\":[]}");
        send("cam-b", 1, frames.changing(32, 32));
        assertTrue(healthTopic.isEmpty());
        assertTrue(probeTopic.isEmpty());
        assertTrue(errorTopic.isEmpty());

        cameraTopic.pipeInput("cam-b", "{\"cameraId\":\"cam-b\",\"stages\":[\"probe\"]}");
        send("cam-b", 3, frames.changing(32, 32));
        assertTrue(healthTopic.isEmpty());
        assertEquals(1, probeTopic.readValuesToList().size());
    }

    @Test
    void unknownCameraAndBadConfigBecomeErrorEventsAndTheStreamContinues() throws Exception {
        send("ghost", 1, frames.changing(32, 32));
        cameraTopic.pipeInput("cam-c", "{not json");
        send("cam-c", 1, frames.changing(32, 32));
        cameraTopic.pipeInput("cam-d",
                "{\"cameraId\":\"cam-d\",\"stages\":[\"camera-health\"],\"health\":{\"blackFraction\":7}}");
        send("cam-d", 1, frames.changing(32, 32));
        cameraTopic.pipeInput("cam-e", HEALTH_ONLY.formatted("someone-else"));
        send("cam-e", 1, frames.changing(32, 32));
        cameraTopic.pipeInput("cam-f", HEALTH_ONLY.formatted("cam-f"));
        send("cam-f", 1, frames.changing(32, 32));

        List<JsonNode> errors = drain(errorTopic, ErrorEvent.class);
        assertEquals(List.of("UNKNOWN_CAMERA", "BAD_CONFIG", "BAD_CONFIG", "BAD_CONFIG"),
                errors.stream().map(e -> e.get("reason").asText()).toList());
        assertTrue(errors.get(1).get("message").asText().contains("not JSON"));
        assertTrue(errors.get(2).get("message").asText().contains("blackFraction"));
        assertEquals("ghost", errors.get(0).at("/source/cameraId").asText());
        assertEquals(0, errors.get(0).at("/source/offset").asLong());
        assertEquals(1, drain(healthTopic, CameraHealthEvent.class).size(), "cam-f still processed");
    }

    @Test
    void badFramesYieldExactlyOneErrorEachAndLaterFramesAreStillEvaluated() throws Exception {
        cameraTopic.pipeInput("cam-a", HEALTH_ONLY.formatted("cam-a"));
        byte[] good = frames.changing(64, 48);
        send("cam-a", 1, good);
        send("cam-a", 2, java.util.Arrays.copyOf(good, good.length / 2));
        send("cam-a", 3, new byte[0]);
        send("cam-a", 4, "hello".getBytes(), "text/plain");
        send("cam-a", 5, frames.changing(64, 48));

        List<JsonNode> errors = drain(errorTopic, ErrorEvent.class);
        assertEquals(List.of("UNDECODABLE_FRAME", "EMPTY_FRAME", "WRONG_CONTENT_TYPE"),
                errors.stream().map(e -> e.get("reason").asText()).toList());
        assertEquals(List.of(2L, 3L, 4L), errors.stream().map(e -> e.at("/source/sequence").asLong()).toList());
        List<JsonNode> health = drain(healthTopic, CameraHealthEvent.class);
        assertEquals(List.of(1L, 5L), health.stream().map(e -> e.at("/source/sequence").asLong()).toList());
        // frame 5 follows frame 1 in the health state: 2..4 never reached the stage, so they show as a gap
        assertEquals(HealthKind.SEQUENCE_GAP.name(), health.get(1).at("/findings/0/kind").asText());
    }

    @Test
    void aStageExceptionBecomesAStageFailureEventAndOtherStagesAreUnaffected() throws Exception {
        cameraTopic.pipeInput("cam-p", "{\"cameraId\":\"cam-p\",\"stages\":[\"camera-health\",\"probe\"]}");
        for (long seq = 1; seq <= 3; seq++) {
            send("cam-p", seq, frames.changing(32, 32));
        }
        List<JsonNode> errors = drain(errorTopic, ErrorEvent.class);
        assertEquals(1, errors.size());
        assertEquals("STAGE_FAILURE", errors.get(0).get("reason").asText());
        assertEquals("probe", errors.get(0).get("stage").asText());
        assertEquals(2, errors.get(0).at("/source/sequence").asLong());
        assertEquals(3, healthTopic.readValuesToList().size());
        assertEquals(2, probeTopic.readValuesToList().size());
    }

    @Test
    void claimCheckedFramesAreFetchedAndBadClaimsAreRejected() throws Exception {
        cameraTopic.pipeInput("cam-a", HEALTH_ONLY.formatted("cam-a"));
        claims.put("artifact://frames/1.png", frames.changing(40, 30));
        for (String uri : List.of("artifact://frames/1.png", "artifact://../../etc/passwd")) {
            RecordHeaders headers = new RecordHeaders();
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK, uri);
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256, "ab".repeat(32));
            frameTopic.pipeInput(new TestRecord<>("cam-a", new byte[0], headers, T0));
        }
        assertEquals(40, json(healthTopic.readValue()).at("/frame/width").asInt());
        JsonNode error = json(errorTopic.readValue());
        assertEquals("CLAIM_CHECK_INVALID", error.get("reason").asText());
        assertTrue(healthTopic.isEmpty());
    }
}
