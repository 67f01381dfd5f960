package dev.visionstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micro-batching of a frame stage: batches form by size and by linger (wall-clock time), results leave in input
 * order with one per input, a bad frame fails alone, and a pending batch outlives its processor.
 */
class MicroBatchingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String OUT = "probe.out";
    private static final int BAD = 13;
    private static final BoundedImageDecoder DECODER = new BoundedImageDecoder(TopologyTestSupport.MAX_TEST_PIXELS);

    @TempDir
    Path stateDir;
    private final TestFrames frames = new TestFrames();
    /** The size of every batch the probe saw. */
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private TopologyTestSupport topology;
    private TestOutputTopic<String, String> out;
    private TestOutputTopic<String, String> errors;

    /** A stage that publishes one event per frame, naming its batch; frame {@link #BAD} fails. */
    private final class ProbeStage implements FrameStage {
        private final Batching batching;
        private final boolean batchAware;
        private final boolean batchable;

        ProbeStage(Batching batching, boolean batchAware, boolean batchable) {
            this.batching = batching;
            this.batchAware = batchAware;
            this.batchable = batchable;
        }

        @Override
        public boolean batchable() {
            return batchable;
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Batching batching() {
            return batching;
        }

        @Override
        public Processor<String, StageInput, String, Publication> newProcessor() {
            return batchAware ? new BatchedProbe() : new PlainProbe();
        }
    }

    private static Publication seen(StageInput in, int batchSize) {
        return new Publication(OUT, new ErrorEvent("p" + in.sequence(), 1, "probe", in.source(), in.captureTime(),
                Instant.now(), ErrorReason.BAD_INPUT, "batch of " + batchSize, null));
    }

    /** Has no batch entry point: the batcher runs it record by record. */
    private final class PlainProbe implements Processor<String, StageInput, String, Publication> {
        private ProcessorContext<String, Publication> context;

        @Override
        public void init(ProcessorContext<String, Publication> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, StageInput> record) {
            batches.add(1);
            if (record.value().sequence() == BAD) {
                throw new IllegalStateException("probe cannot handle frame " + BAD);
            }
            context.forward(record.withValue(seen(record.value(), 1)));
        }
    }

    /** One call per batch, as a model stage makes one forward pass; a bad frame becomes its own error. */
    private final class BatchedProbe implements BatchProcessor<StageInput> {
        private ProcessorContext<String, Publication> context;

        @Override
        public void init(ProcessorContext<String, Publication> context) {
            this.context = context;
        }

        @Override
        public void processBatch(List<Record<String, StageInput>> records) {
            batches.add(records.size());
            for (Record<String, StageInput> r : records) {
                context.forward(r.value().sequence() == BAD
                        ? StageFailures.of("probe", r, new IllegalStateException("bad frame"))
                        : r.withValue(seen(r.value(), records.size())));
            }
        }
    }

    private void start(Batching batching, boolean batchAware) {
        start(batching, batchAware, true);
    }

    private void start(Batching batching, boolean batchAware, boolean batchable) {
        topology = TopologyTestSupport.start(List.of(new ProbeStage(batching, batchAware, batchable)), stateDir, T0);
        out = topology.output(OUT);
        errors = topology.output(Topics.ERRORS);
        for (String camera : List.of("cam-a", "cam-b")) {
            topology.cameras().pipeInput(camera, "{\"cameraId\":\"" + camera + "\",\"stages\":[\"probe\"]}");
        }
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** Frames 1..n, alternating between two cameras. */
    private void send(int from, int to) {
        for (int seq = from; seq <= to; seq++) {
            topology.sendFrame(seq % 2 == 0 ? "cam-a" : "cam-b", seq, frames.changing(32, 24), "image/png",
                    T0.plusMillis(seq));
        }
    }

    private List<Long> sequences(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/source/sequence").asLong()).toList();
    }

    private List<JsonNode> drain(TestOutputTopic<String, String> topic) throws Exception {
        return ValidatedEvents.drain(topic, ErrorEvent.class);
    }

    @Test
    void batchesFormBySizeAndLeaveInArrivalOrderWithOneResultPerFrame() throws Exception {
        start(new Batching(3, 1_000), true);
        send(1, 7);
        List<JsonNode> first = drain(out);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sequences(first), "two full batches, in order");
        assertTrue(first.stream().allMatch(e -> e.get("message").asText().equals("batch of 3")));
        assertEquals(List.of(3, 3), batches);

        topology.driver().advanceWallClockTime(Duration.ofMillis(999));
        assertTrue(out.isEmpty(), "frame 7 waits for its linger");
        topology.driver().advanceWallClockTime(Duration.ofMillis(1));
        assertEquals(List.of(7L), sequences(drain(out)));
        assertEquals(List.of(3, 3, 1), batches);
        assertTrue(errors.isEmpty());
    }

    @Test
    void aBatchThatDoesNotFillLeavesWhenItsOldestFrameHasLingered() throws Exception {
        start(new Batching(10, 100), true);
        send(1, 1);
        topology.driver().advanceWallClockTime(Duration.ofMillis(60));
        send(2, 2);
        topology.driver().advanceWallClockTime(Duration.ofMillis(30));
        assertTrue(out.isEmpty(), "90 ms after the first frame");
        topology.driver().advanceWallClockTime(Duration.ofMillis(10));
        List<JsonNode> events = drain(out);
        assertEquals(List.of(1L, 2L), sequences(events));
        assertEquals(List.of(2), batches, "both frames in one batch, measured from the oldest");
    }

    @Test
    void oneBadFrameInABatchGivesOneErrorAndTheOthersTheirResults() throws Exception {
        start(new Batching(4, 1_000), true);
        send(11, 14);
        assertEquals(List.of(11L, 12L, 14L), sequences(drain(out)));
        List<JsonNode> failures = drain(errors);
        assertEquals(List.of(13L), sequences(failures));
        assertEquals("STAGE_FAILURE", failures.get(0).get("reason").asText());
        assertEquals(List.of(4), batches);
    }

    @Test
    void aStageWithoutABatchEntryPointRunsTheBatchFrameByFrameAndAFailureStaysWithItsFrame() throws Exception {
        start(new Batching(4, 1_000), false);
        send(11, 13);
        assertTrue(out.isEmpty() && batches.isEmpty(), "nothing runs before the batch is full");
        send(14, 14);
        assertEquals(List.of(11L, 12L, 14L), sequences(drain(out)));
        List<JsonNode> failures = drain(errors);
        assertEquals(List.of(13L), sequences(failures));
        assertTrue(failures.get(0).get("message").asText().contains("probe cannot handle frame 13"));
    }

    @Test
    void aStageThatCannotBatchHasNoPendingStoreAndFramesGoStraightThrough() throws Exception {
        start(Batching.NONE, true, false);
        assertFalse(topology.driver().getAllStateStores().containsKey(MicroBatcher.storeName("probe")));
        send(1, 2);
        assertEquals(List.of(1L, 2L), sequences(drain(out)));
        assertEquals(List.of(1, 1), batches);
    }

    @Test
    void withBatchingOffABatchableStageKeepsItsStoreButFramesGoStraightThroughWithoutIt() throws Exception {
        start(Batching.NONE, false);
        KeyValueStore<Long, byte[]> store = topology.driver().getKeyValueStore(MicroBatcher.storeName("probe"));
        assertNotNull(store, "the store stays, for frames an earlier batching run left");
        send(11, 14);
        assertEquals(List.of(11L, 12L, 14L), sequences(drain(out)));
        assertEquals(List.of(13L), sequences(drain(errors)), "a failure still stays with its frame");
        assertEquals(List.of(1, 1, 1, 1), batches);
        assertFalse(store.all().hasNext(), "nothing was written to the store");
    }

    /**
     * Batching turned off while frames wait: the restarted task (batch size 1) finds them in its store and publishes
     * them, in order and once, before the frames that come after; then it runs frame by frame without the store.
     */
    @Test
    void framesLeftWaitingByABatchingRunLeaveFirstWhenBatchingIsTurnedOff() throws Exception {
        KeyValueStore<Long, byte[]> store = pendingStore();
        leaveWaiting(store, 3);
        MockProcessorContext<String, Publication> after = restartedOn(store, 1_100);
        MicroBatcher<StageInput> off = batcher(Batching.NONE);
        off.init(after);
        assertEquals(1, after.scheduledPunctuators().size(), "a check that drains the restored frames");
        after.scheduledPunctuators().get(0).getPunctuator().punctuate(1_100);
        off.process(frame(4));
        off.process(frame(5));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), published(after));
        assertEquals(List.of(3, 1, 1), batches, "the restored frames as one batch, then frame by frame");
        assertTrue(after.scheduledPunctuators().get(0).cancelled(), "the check ends once drained");
        assertFalse(store.all().hasNext(), "the store is empty");
    }

    @Test
    void aRestoredFrameAlsoLeavesBeforeTheNextFrameWithoutWaitingForTheCheck() throws Exception {
        KeyValueStore<Long, byte[]> store = pendingStore();
        leaveWaiting(store, 1);
        MockProcessorContext<String, Publication> after = restartedOn(store, 1_010);
        MicroBatcher<StageInput> off = batcher(Batching.NONE);
        off.init(after);
        off.process(frame(2));
        assertEquals(List.of(1L, 2L), published(after));
        assertFalse(store.all().hasNext());
    }

    /** The probe's batcher, on {@link BatchedProbe}. */
    private MicroBatcher<StageInput> batcher(Batching batching) {
        return MicroBatcher.forFrames("probe", batching, new BatchedProbe(), DECODER);
    }

    /** An in-memory pending store, as a restarted task gets it back from the changelog. */
    private static KeyValueStore<Long, byte[]> pendingStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MicroBatcher.storeName("probe")),
                Serdes.Long(), Serdes.ByteArray()).withLoggingDisabled().build();
    }

    /** A batching run (5 frames or 200 ms) that takes frames 1..n at t = 1 s and dies before it flushes. */
    private void leaveWaiting(KeyValueStore<Long, byte[]> store, int frames) throws Exception {
        MockProcessorContext<String, Publication> before = new MockProcessorContext<>();
        store.init(before.getStateStoreContext(), store);
        before.addStateStore(store);
        before.setCurrentSystemTimeMs(1_000);
        MicroBatcher<StageInput> batching = batcher(new Batching(5, 200));
        batching.init(before);
        for (int seq = 1; seq <= frames; seq++) {
            batching.process(frame(seq));
        }
        assertTrue(before.forwarded().isEmpty(), "nothing leaves before the batch is full or has lingered");
    }

    private static MockProcessorContext<String, Publication> restartedOn(KeyValueStore<Long, byte[]> store,
                                                                        long nowMs) {
        MockProcessorContext<String, Publication> after = new MockProcessorContext<>();
        after.addStateStore(store);
        after.setCurrentSystemTimeMs(nowMs);
        return after;
    }

    private static List<Long> published(MockProcessorContext<String, Publication> context) {
        List<Long> out = new ArrayList<>();
        context.forwarded().forEach(f -> out.add(f.record().value().event().source().sequence()));
        return out;
    }

    /**
     * The changelog's part is Kafka Streams': a restarted task gets its store back. What is shown here is the
     * batcher's: a new processor on that store finds the pending frames, keeps their order and their age, and
     * publishes them once, with headers and pictures intact.
     */
    @Test
    void aPendingBatchSurvivesTheProcessorAndLeavesOnceAfterTheRestart() throws Exception {
        KeyValueStore<Long, byte[]> store = pendingStore();
        leaveWaiting(store, 3);
        MockProcessorContext<String, Publication> after = restartedOn(store, 1_150);
        MicroBatcher<StageInput> restarted = batcher(new Batching(5, 200));
        restarted.init(after);
        restarted.process(frame(4));
        MockProcessorContext.CapturedPunctuator punctuator = after.scheduledPunctuators().get(0);
        punctuator.getPunctuator().punctuate(1_199);
        assertTrue(after.forwarded().isEmpty(), "199 ms after the first frame arrived, before the crash");
        punctuator.getPunctuator().punctuate(1_200);

        List<Record<? extends String, ? extends Publication>> published = new ArrayList<>();
        after.forwarded().forEach(f -> published.add(f.record()));
        assertEquals(List.of(1L, 2L, 3L, 4L), published.stream()
                .map(r -> r.value().event().source().sequence()).toList());
        assertEquals(List.of("cam-1", "cam-1", "cam-1", "cam-1"), published.stream().map(Record::key).toList());
        assertEquals(List.of(4), batches);
        Record<? extends String, ? extends Publication> first = published.get(0);
        assertEquals(T0.plusMillis(1).toEpochMilli(), first.timestamp());
        assertEquals("trace-1", FrameHeaders.string(first.headers(), "trace").orElseThrow());
        punctuator.getPunctuator().punctuate(5_000);
        assertEquals(4, after.forwarded().size(), "published once");
        assertFalse(store.all().hasNext(), "the store is empty after the flush");
    }

    private Record<String, StageInput> frame(int seq) throws Exception {
        byte[] png = frames.changing(16, 16);
        CameraConfig config = new CameraConfig("cam-1", List.of("probe"), null, null, null, null, null, null, null,
                null, null, null, null);
        StageInput in = new StageInput("cam-1", new SourceCoordinates("cam-1", Topics.FRAMES, 0, (long) seq,
                (long) seq), T0.plusMillis(seq), seq, config, "image/png", png,
                new BoundedImageDecoder(TopologyTestSupport.MAX_TEST_PIXELS).decode(png));
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, "trace", "trace-" + seq);
        return new Record<>("cam-1", in, T0.plusMillis(seq).toEpochMilli(), headers);
    }
}
