package dev.visionstream.app.stages.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.models.pose.MotionClip;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.SyntheticMotion;
import dev.visionstream.models.pose.TrackState;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.JsonSerde;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @TempDir
    Path stateDir;
    private TopologyTestSupport topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> keypoints;
    private TestOutputTopic<String, String> poses;
    private TestOutputTopic<String, String> errors;

    @BeforeEach
    void start() {
        topology = TopologyTestSupport.start(List.of(new PoseStage(PoseTracker::withDefaults)), stateDir, T0);
        driver = topology.driver();
        keypoints = driver.createInputTopic(Topics.KEYPOINTS_3D, new StringSerializer(), new StringSerializer());
        poses = topology.output(Topics.POSES);
        errors = topology.output(Topics.ERRORS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private static String message(String track, double[][] joints, Instant time) throws Exception {
        return KeypointMessages.smpl24(track, joints, time);
    }

    private static Instant frameTime(int f) {
        return T0.plusMillis(Math.round(f * 1000 / SyntheticMotion.FPS));
    }

    @Test
    void aTrackStartsIterativeThenGoesLearnedAndMatchesTheLibrary() throws Exception {
        MotionClip clip = SyntheticMotion.generate(new Random(5), 6, "stage");
        List<PoseEvent> events = new ArrayList<>();
        for (int f = 0; f < clip.frames(); f++) {
            keypoints.pipeInput("person-1", message("person-1", clip.joints().get(f), frameTime(f)));
        }
        for (String json : poses.readValuesToList()) {
            assertEquals(List.of(), EventSchemas.violations(PoseEvent.class, Json.MAPPER.readTree(json)));
            events.add(Json.MAPPER.readValue(json, PoseEvent.class));
        }
        assertEquals(clip.frames(), events.size());
        assertTrue(errors.isEmpty());
        assertEquals("iterative", events.get(0).method());
        assertEquals("rest", events.get(0).initSource());
        for (int f = 1; f < events.size(); f++) {
            assertTrue(events.get(f).method().startsWith("learned"), events.get(f).method());
            assertEquals("previous", events.get(f).initSource());
            assertTrue(events.get(f).meanJointErrorMm() <= 15.0 || events.get(f).method().equals("learned-refined"));
        }
        // the library, fed the same frames, gives the same pose: fitted joints within 0.1 mm, rotations within 0.1
        // degree (runs agree to 1e-5 m; earlier differences of millimetres came from the iterative solver reading
        // scalars the garbage collector had freed, see GraphScalar)
        try (PoseTracker tracker = PoseTracker.withDefaults()) {
            TrackState state = null;
            for (int f = 0; f < clip.frames(); f++) {
                PoseTracker.Step step = tracker.step(state, clip.joints().get(f), frameTime(f).toEpochMilli(),
                        PoseTracker.Method.LEARNED);
                state = step.state();
                PoseEvent event = events.get(f);
                for (int k = 0; k < 24; k++) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals(step.fittedJoints()[k][i], event.fittedJoints().get(k).get(i), 1e-4,
                                "frame " + f + " joint " + k + " position (m)");
                    }
                    double[] q = step.pose().quaternions()[k];
                    double dot = 0;
                    for (int i = 0; i < 4; i++) {
                        dot += q[i] * event.quaternions().get(k).get(i);
                    }
                    double angle = 2 * Math.acos(Math.min(1, Math.abs(dot)));
                    assertTrue(angle <= Math.toRadians(0.1), "frame " + f + " joint " + k + " differs by "
                            + Math.toDegrees(angle) + " degrees");
                }
            }
        }
        assertTrue(events.get(5).meanJointErrorMm() < 15, "fit error " + events.get(5).meanJointErrorMm());
    }

    @Test
    void badInputGivesAnErrorEventAndResetsTheTrackWithoutStoppingTheStream() throws Exception {
        MotionClip clip = SyntheticMotion.generate(new Random(6), 4, "bad");
        keypoints.pipeInput("p", message("p", clip.joints().get(0), frameTime(0)));
        keypoints.pipeInput("p", message("p", clip.joints().get(1), frameTime(1)));
        // timestamps going backwards
        keypoints.pipeInput("p", message("p", clip.joints().get(2), frameTime(0)));
        // after the reset the track starts again from an iterative solve
        keypoints.pipeInput("p", message("p", clip.joints().get(2), frameTime(2)));
        // bone lengths jumping by 50 %
        double[][] stretched = clip.joints().get(3);
        for (double[] j : stretched) {
            for (int i = 0; i < 3; i++) {
                j[i] *= 1.5;
            }
        }
        keypoints.pipeInput("p", message("p", stretched, frameTime(3)));
        // wrong joint count, unknown names, unknown format, not JSON
        keypoints.pipeInput("q", "{\"trackId\":\"q\",\"cameraId\":\"cam-1\",\"format\":\"smpl24\","
                + "\"joints\":[[0,0,0],[1,1,1]],\"timestamp\":\"2026-03-01T10:00:00Z\"}");
        keypoints.pipeInput("q", "{\"trackId\":\"q\",\"cameraId\":\"cam-1\",\"format\":\"named\",\"names\":[\"Hips\","
                + "\"Tail\"],\"joints\":[[0,0,0],[1,1,1]],\"timestamp\":\"2026-03-01T10:00:00Z\"}");
        keypoints.pipeInput("q", "{\"trackId\":\"q\",\"cameraId\":\"cam-1\",\"format\":\"coco17\","
                + "\"joints\":[[0,0,0]],\"timestamp\":\"2026-03-01T10:00:00Z\"}");
        keypoints.pipeInput("q", "not json");

        List<PoseEvent> events = new ArrayList<>();
        for (String json : poses.readValuesToList()) {
            events.add(Json.MAPPER.readValue(json, PoseEvent.class));
        }
        List<ErrorEvent> errorEvents = new ArrayList<>();
        for (String json : errors.readValuesToList()) {
            assertEquals(List.of(), EventSchemas.violations(ErrorEvent.class, Json.MAPPER.readTree(json)));
            errorEvents.add(Json.MAPPER.readValue(json, ErrorEvent.class));
        }
        assertEquals(3, events.size());
        assertEquals("iterative", events.get(0).method());
        assertTrue(events.get(1).method().startsWith("learned"));
        assertEquals("iterative", events.get(2).method());
        assertEquals("rest", events.get(2).initSource());
        assertEquals(6, errorEvents.size());
        errorEvents.forEach(e -> assertEquals(ErrorReason.BAD_INPUT, e.reason()));
        assertTrue(errorEvents.get(0).message().contains("before the track's last frame"),
                errorEvents.get(0).message());
        assertTrue(errorEvents.get(1).message().contains("bone lengths jumped"), errorEvents.get(1).message());
        assertTrue(errorEvents.get(2).message().contains("needs 24 joints"), errorEvents.get(2).message());
        assertTrue(errorEvents.get(3).message().contains("unknown joint names [Tail]"), errorEvents.get(3).message());
        assertTrue(errorEvents.get(4).message().contains("unknown keypoint format"), errorEvents.get(4).message());
        assertEquals(Topics.KEYPOINTS_3D, errorEvents.get(5).source().topic());
    }

    /**
     * The state store's serde carries the track's reachable residual, and a state stored before that field existed
     * still loads (with 0, which at worst refines the next learned pose) and the track goes on learned.
     */
    @Test
    void storedTrackStatesKeepTheReachableResidualAndOlderStatesStillLoad() throws Exception {
        MotionClip clip = SyntheticMotion.generate(new Random(7), 2, "stored");
        JsonSerde<TrackState> serde = JsonSerde.of(TrackState.class);
        try (PoseTracker tracker = PoseTracker.withDefaults()) {
            TrackState state = tracker.step(null, clip.joints().get(0), 0, PoseTracker.Method.LEARNED).state();
            assertTrue(state.reachableResidualMm() > 0 && state.reachableResidualMm() < 15,
                    "reachable " + state.reachableResidualMm());
            byte[] stored = serde.serializer().serialize(PoseStage.STORE, state);
            assertEquals(state, serde.deserializer().deserialize(PoseStage.STORE, stored));

            ObjectNode older = (ObjectNode) Json.MAPPER.readTree(stored);
            older.remove("reachableResidualMm");
            TrackState loaded = serde.deserializer().deserialize(PoseStage.STORE,
                    Json.MAPPER.writeValueAsBytes(older));
            assertEquals(0.0, loaded.reachableResidualMm());
            assertEquals(state.pose(), loaded.pose());
            assertEquals(state.shape(), loaded.shape());
            PoseTracker.Step next = tracker.step(loaded, clip.joints().get(1), 33, PoseTracker.Method.LEARNED);
            assertTrue(next.method().startsWith("learned"), next.method());
        }
    }
}
