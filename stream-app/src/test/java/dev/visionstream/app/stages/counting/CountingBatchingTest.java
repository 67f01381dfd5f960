package dev.visionstream.app.stages.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.MicroBatcher;
import dev.visionstream.app.topology.PublicationListener;
import dev.visionstream.app.topology.StageRun;
import dev.visionstream.app.topology.TaskChangelogs;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.counting.Backbones;
import dev.visionstream.models.counting.Counter;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting with micro-batching on, through the learned backbone (a DJL network, whose forward pass a batch's frames
 * share): the same events as frame by frame, a bad frame failing alone, and frames waiting in a batch when the
 * instance dies published once after the restart, from the changelog, in order per camera.
 */
class CountingBatchingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Batching FOUR = new Batching(4, 1_000);
    private static final String PENDING = MicroBatcher.storeName(CountingStage.NAME);
    private static CountingDino counter;
    private static List<SyntheticScene> scenes;
    private static List<byte[]> pngs;

    @TempDir
    Path dir;

    @BeforeAll
    static void model() throws Exception {
        counter = new CountingDino(Backbones.open(Backbones.LEARNED));
        scenes = new ArrayList<>();
        pngs = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            SyntheticScene scene = SyntheticScene.generate(seed, 320, 240, 5 + 3 * seed);
            scenes.add(scene);
            pngs.add(png(scene.image()));
        }
    }

    @AfterAll
    static void closeModel() {
        counter.close();
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A frame of the workload: its camera, sequence number, picture and exemplar header (null: the camera's). */
    private record Frame(String camera, long sequence, byte[] png, String exemplars) {
    }

    /**
     * Ten frames of two cameras; frame 4 of cam-b is too small to count, frame 3 of cam-a has an exemplar header
     * with a box of zero area, and frame 5 of cam-b overrides its camera's boxes.
     */
    private static List<Frame> workload() throws Exception {
        List<Frame> frames = new ArrayList<>();
        byte[] tiny = png(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR));
        for (int seq = 1; seq <= 5; seq++) {
            frames.add(new Frame("cam-a", seq, pngs.get(seq % 3), seq == 3 ? "[{\"x\":1}]" : null));
            frames.add(new Frame("cam-b", seq, seq == 4 ? tiny : pngs.get((seq + 1) % 3),
                    seq == 5 ? Json.MAPPER.writeValueAsString(List.of(scenes.get(0).exemplars().get(0))) : null));
        }
        return frames;
    }

    /** The counting topology on its own state directory and artifact store, with what it published so far. */
    private static final class Run extends StageRun<Run> {
        /** How many frames each counter call took. */
        final List<Integer> calls;

        Run(Path dir, Batching batching) throws Exception {
            this(dir, batching, new ArrayList<>());
        }

        private Run(Path dir, Batching batching, List<Integer> calls) throws Exception {
            super(start(dir, batching, calls), Topics.COUNTS, CountEvent.class, batching);
            this.calls = calls;
            camera("cam-a", scenes.get(1).exemplars());
            camera("cam-b", scenes.get(2).exemplars());
        }

        /** The topology, with a counter that notes the size of every call into {@code calls}. */
        private static TopologyTestSupport start(Path dir, Batching batching, List<Integer> calls) {
            LocalArtifactStore artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
            Counter observed = requests -> {
                calls.add(requests.size());
                return counter.countAll(requests);
            };
            return TopologyTestSupport.start(List.of(new CountingStage(() -> observed, artifacts, batching)),
                    artifacts::get, PublicationListener.NONE, dir.resolve("state"), T0);
        }

        @Override
        protected Run self() {
            return this;
        }

        private void camera(String id, List<Box> exemplars) throws Exception {
            topology().cameras().pipeInput(id, Json.MAPPER.writeValueAsString(Map.of("cameraId", id,
                    "stages", List.of("counting"), "exemplars", exemplars)));
        }

        Run send(List<Frame> frames) throws Exception {
            for (Frame f : frames) {
                RecordHeaders headers = new RecordHeaders();
                FrameHeaders.put(headers, FrameHeaders.SEQUENCE, f.sequence());
                FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
                if (f.exemplars() != null) {
                    FrameHeaders.put(headers, FrameHeaders.EXEMPLARS, f.exemplars());
                }
                topology().frames().pipeInput(new TestRecord<>(f.camera(), f.png(), headers,
                        T0.plusMillis(100 * f.sequence())));
            }
            return collect();
        }
    }

    @Test
    void aBatchedRunPublishesWhatTheUnbatchedRunPublishes() throws Exception {
        List<Frame> frames = workload();
        try (Run one = new Run(dir.resolve("one"), Batching.NONE).send(frames);
             Run batched = new Run(dir.resolve("batched"), FOUR).send(frames)) {
            assertEquals(frames.size() % 4, frames.size() - batched.published.size() - batched.failed.size(),
                    "the last, partial batch waits for its linger");
            batched.linger();
            assertEquals(8, one.published.size());
            assertEquals(2, one.failed.size());
            assertSameCounts(one.published, batched.published, true);
            assertSameErrors(one.failed, batched.failed, true);
            assertEquals(Collections.nCopies(10, 1), one.calls, "frame by frame");
            assertEquals(List.of(4, 4, 2), batched.calls, "one call per batch; the bad frames fail inside it, alone");
        }
    }

    /**
     * The instance dies with two frames waiting in a batch of four: the restarted task gets them back from the
     * pending store's changelog and publishes them first and once; every frame then has one result, in order per
     * camera, the same as frame by frame without batching.
     */
    @Test
    void framesWaitingInABatchWhenTheInstanceDiesArePublishedOnceAfterTheRestart() throws Exception {
        List<Frame> frames = workload();
        List<JsonNode> published = new ArrayList<>();
        List<JsonNode> failed = new ArrayList<>();
        TaskChangelogs left;
        try (Run before = new Run(dir.resolve("crashed"), FOUR).send(frames.subList(0, 6))) {
            assertEquals(4, before.published.size() + before.failed.size(), "one full batch");
            left = TaskChangelogs.of(before.topology(), PENDING);
            published.addAll(before.published);
            failed.addAll(before.failed);
        }
        assertEquals(2, left.size(PENDING), "frames 5 and 6 wait in the batch");
        left.restoreInto(dir.resolve("crashed").resolve("state"));
        try (Run after = new Run(dir.resolve("crashed"), FOUR).send(frames.subList(6, frames.size())).linger()) {
            published.addAll(after.published);
            failed.addAll(after.failed);
        }
        try (Run one = new Run(dir.resolve("one"), Batching.NONE).send(frames)) {
            assertSameCounts(one.published, published, false);
            assertSameErrors(one.failed, failed, false);
        }
        for (String camera : List.of("cam-a", "cam-b")) {
            List<Long> sequences = new ArrayList<>();
            published.stream().filter(e -> e.at("/source/cameraId").asText().equals(camera))
                    .forEach(e -> sequences.add(e.at("/source/sequence").asLong()));
            assertEquals(sequences.stream().sorted().distinct().toList(), sequences, camera + ": once each, in order");
        }
    }

    /** Same frames in the same order with the same counts, peaks, instances and overlay picture. */
    private static void assertSameCounts(List<JsonNode> expected, List<JsonNode> actual, boolean sameSource)
            throws Exception {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            CountEvent e = Json.MAPPER.treeToValue(expected.get(i), CountEvent.class);
            CountEvent a = Json.MAPPER.treeToValue(actual.get(i), CountEvent.class);
            String where = "count " + i + " (" + e.source().cameraId() + " #" + e.source().sequence() + ")";
            if (sameSource) {
                assertEquals(List.of(e.id(), e.source()), List.of(a.id(), a.source()), where);
            }
            assertEquals(List.of(e.source().cameraId(), e.source().sequence(), e.captureTime(), e.model()),
                    List.of(a.source().cameraId(), a.source().sequence(), a.captureTime(), a.model()), where);
            assertEquals(e.count(), a.count(), where);
            assertEquals(e.densityCount(), a.densityCount(), where);
            assertEquals(Arrays.asList(e.estimator(), e.exemplars(), e.peaks(), e.instances(), e.verifiedInstances(),
                    e.warnings()), Arrays.asList(a.estimator(), a.exemplars(), a.peaks(), a.instances(),
                    a.verifiedInstances(), a.warnings()), where);
            // the overlay's name follows the input offset, which a restarted test driver counts from 0 again
            assertEquals(sameSource ? e.densityOverlay() : e.densityOverlay().sha256(),
                    sameSource ? a.densityOverlay() : a.densityOverlay().sha256(), where);
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
            assertEquals(List.of(e.reason(), e.message(), e.source().cameraId(), e.source().sequence()),
                    List.of(a.reason(), a.message(), a.source().cameraId(), a.source().sequence()), "error " + i);
        }
        assertTrue(expected.stream().allMatch(e -> e.get("reason").asText().equals("BAD_INPUT")));
    }
}
