package dev.visionstream.app.stages.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.MicroBatcher;
import dev.visionstream.app.topology.StageRun;
import dev.visionstream.app.topology.TaskChangelogs;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.models.pose.MotionClip;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.SyntheticMotion;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pose with micro-batching on: the same events as one by one (a batch steps its tracks together, each track's records
 * in order), the same error events and track resets for bad input, and records waiting in a batch when the instance
 * dies are published once after the restart, from the changelog.
 */
class PoseBatchingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Batching FIVE = new Batching(5, 1_000);
    private static final String PENDING = MicroBatcher.storeName(PoseStage.NAME);

    @TempDir
    Path dir;

    /**
     * Three tracks interleaved so that batches of five hold two or three records of one track, and bad input:
     * time going back on track b, bones jumping on track c, a wrong joint count on track a (each resets its track),
     * a record that is not JSON and one without a track id.
     */
    private static List<KeyValue<String, String>> workload() throws Exception {
        List<String> tracks = List.of("a", "b", "c");
        List<MotionClip> clips = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            clips.add(SyntheticMotion.generate(new Random(30 + t), 7, "batched-" + tracks.get(t)));
        }
        Random order = new Random(3);
        int[] next = new int[tracks.size()];
        List<KeyValue<String, String>> records = new ArrayList<>();
        while (Arrays.stream(next).sum() < 7 * tracks.size()) {
            int t = order.nextInt(tracks.size());
            if (next[t] == 7) {
                continue;
            }
            int f = next[t]++;
            String track = tracks.get(t);
            double[][] joints = Arrays.stream(clips.get(t).joints().get(f)).map(double[]::clone)
                    .toArray(double[][]::new);
            Instant time = frameTime(f);
            if (track.equals("b") && f == 3) {
                time = frameTime(1);
            }
            if (track.equals("c") && f == 2) {
                for (double[] j : joints) {
                    for (int i = 0; i < 3; i++) {
                        j[i] *= 1.5;
                    }
                }
            }
            records.add(KeyValue.pair(track, track.equals("a") && f == 4
                    ? "{\"trackId\":\"a\",\"cameraId\":\"cam-1\",\"format\":\"smpl24\",\"joints\":[[0,0,0]],"
                            + "\"timestamp\":\"" + time + "\"}"
                    : KeypointMessages.smpl24(track, joints, time)));
            if (records.size() == 9) {
                records.add(KeyValue.pair("x", "not json"));
            }
            if (records.size() == 15) {
                records.add(KeyValue.pair("y", "{\"cameraId\":\"cam-1\",\"format\":\"smpl24\",\"joints\":[]}"));
            }
        }
        return records;
    }

    private static Instant frameTime(int f) {
        return T0.plusMillis(Math.round(f * 1000 / SyntheticMotion.FPS));
    }

    /** The pose topology on its own state directory, with what it published so far. */
    private static final class Run extends StageRun<Run> {
        final TestInputTopic<String, String> keypoints;

        Run(Path stateDir, Batching batching) {
            super(TopologyTestSupport.start(List.of(new PoseStage(PoseTracker::withDefaults, batching)), stateDir,
                    T0), Topics.POSES, PoseEvent.class, batching);
            keypoints = topology().driver().createInputTopic(Topics.KEYPOINTS_3D, new StringSerializer(),
                    new StringSerializer());
        }

        @Override
        protected Run self() {
            return this;
        }

        Run send(List<KeyValue<String, String>> records) throws Exception {
            for (KeyValue<String, String> r : records) {
                keypoints.pipeInput(r.key, r.value);
            }
            return collect();
        }
    }

    @Test
    void aBatchedRunPublishesWhatTheUnbatchedRunPublishes() throws Exception {
        List<KeyValue<String, String>> records = workload();
        try (Run one = new Run(dir.resolve("one"), Batching.NONE).send(records);
             Run batched = new Run(dir.resolve("batched"), FIVE).send(records)) {
            int waiting = records.size() - batched.published.size() - batched.failed.size();
            assertEquals(records.size() % 5, waiting, "the last, partial batch waits for its linger");
            batched.linger();
            assertEquals(records.size(), one.published.size() + one.failed.size(), "one result per record");
            assertEquals(5, one.failed.size(), "the five bad records");
            assertSamePoses(one.published, batched.published, true);
            assertSameErrors(one.failed, batched.failed, true);
        }
    }

    /**
     * The instance dies with two records waiting in a batch of five: the restarted task gets them back from the
     * pending store's changelog (and the tracks' states from theirs), publishes them first and once, and the tracks
     * go on as in an uninterrupted run without batching.
     */
    @Test
    void recordsWaitingInABatchWhenTheInstanceDiesArePublishedOnceAfterTheRestart() throws Exception {
        List<KeyValue<String, String>> records = workload();
        List<JsonNode> published = new ArrayList<>();
        List<JsonNode> failed = new ArrayList<>();
        Path stateDir = dir.resolve("state");
        TaskChangelogs left;
        try (Run before = new Run(stateDir, FIVE).send(records.subList(0, 12))) {
            assertEquals(10, before.published.size() + before.failed.size(), "two full batches");
            left = TaskChangelogs.of(before.topology(), PENDING, PoseStage.STORE);
            published.addAll(before.published);
            failed.addAll(before.failed);
        }
        assertEquals(2, left.size(PENDING), "records 10 and 11 wait in the batch");
        left.restoreInto(stateDir);
        List<String> afterIds = new ArrayList<>();
        try (Run after = new Run(stateDir, FIVE).send(records.subList(12, records.size())).linger()) {
            published.addAll(after.published);
            failed.addAll(after.failed);
            after.published.forEach(e -> afterIds.add(e.get("id").asText()));
            after.failed.forEach(e -> afterIds.add(e.get("id").asText()));
        }
        try (Run one = new Run(dir.resolve("one"), Batching.NONE).send(records)) {
            assertSamePoses(one.published, published, false);
            assertSameErrors(one.failed, failed, false);
            List<String> restored = new ArrayList<>();
            for (JsonNode e : concat(one.published, one.failed)) {
                long offset = e.at("/source/offset").asLong();
                if (offset == 10 || offset == 11) {
                    restored.add(e.get("id").asText());
                }
            }
            assertEquals(2, restored.size());
            assertTrue(afterIds.containsAll(restored), "the restored records keep the offsets they were read at "
                    + "before the crash, so their events keep their ids");
        }
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The same poses in the same order: same track, capture time, solver, init and iterations; numbers within the
     * network's float32 rounding, which differs between a batch and a single record (see {@code PoseTrackerTest}).
     */
    private static void assertSamePoses(List<JsonNode> expected, List<JsonNode> actual, boolean sameSource)
            throws Exception {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            PoseEvent e = Json.MAPPER.treeToValue(expected.get(i), PoseEvent.class);
            PoseEvent a = Json.MAPPER.treeToValue(actual.get(i), PoseEvent.class);
            String where = "pose " + i + " (track " + e.trackId() + " at " + e.captureTime() + ")";
            if (sameSource) {
                assertEquals(e.id(), a.id(), where);
                assertEquals(e.source(), a.source(), where);
            }
            assertEquals(List.of(e.trackId(), e.captureTime(), e.method(), e.initSource(), e.model()),
                    List.of(a.trackId(), a.captureTime(), a.method(), a.initSource(), a.model()), where);
            assertEquals(e.iterations(), a.iterations(), where);
            assertClose(e.fittedJoints(), a.fittedJoints(), 1e-6, where + " fitted joints (m)");
            assertClose(e.jointRotations(), a.jointRotations(), 1e-5, where + " rotations (rad)");
            assertClose(List.of(e.rootTranslation()), List.of(a.rootTranslation()), 1e-6, where + " translation");
            assertClose(List.of(e.jointResidualsMm()), List.of(a.jointResidualsMm()), 1e-3, where + " residuals");
            assertEquals(e.meanJointErrorMm(), a.meanJointErrorMm(), 1e-3, where);
        }
    }

    private static void assertClose(List<List<Double>> expected, List<List<Double>> actual, double tolerance,
                                    String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            for (int i = 0; i < expected.get(k).size(); i++) {
                assertEquals(expected.get(k).get(i), actual.get(k).get(i), tolerance, what + " [" + k + "][" + i
                        + "]");
            }
        }
    }

    private static void assertSameErrors(List<JsonNode> expected, List<JsonNode> actual, boolean sameSource)
            throws Exception {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            ErrorEvent e = Json.MAPPER.treeToValue(expected.get(i), ErrorEvent.class);
            ErrorEvent a = Json.MAPPER.treeToValue(actual.get(i), ErrorEvent.class);
            if (sameSource) {
                assertEquals(List.of(e.id(), e.source()), List.of(a.id(), a.source()));
            }
            assertEquals(List.of(e.reason(), e.message(), e.captureTime(), e.source().cameraId()),
                    List.of(a.reason(), a.message(), a.captureTime(), a.source().cameraId()), "error " + i);
        }
        assertTrue(expected.stream().anyMatch(e -> e.get("message").asText().contains("(track reset)")));
    }
}
