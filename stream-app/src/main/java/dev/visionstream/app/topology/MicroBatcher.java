package dev.visionstream.app.topology;

import dev.visionstream.models.image.BoundedImageDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Runs a stage's processor on batches of records: each record waits in a changelogged store (key: its arrival order
 * within the task) until the batch holds {@link Batching#size()} records, or until a wall-clock punctuator finds
 * the oldest older than {@link Batching#lingerMs()}; the batch then goes to the stage in arrival order. The store,
 * not memory, holds the batch because its records' input offsets are committed with it: after a crash (exactly-once)
 * the pending records come back from the changelog instead of being lost.
 *
 * <p>With batching off (size 1) a batchable stage still runs through here: a record goes straight to the stage
 * without touching the store, unless records are still waiting there from a run with batching on; those leave first,
 * in their order, so that turning batching off strands nothing.
 *
 * @param <V> the stage's input: {@link StageInput} for a frame stage; for a stage that reads its own topic, a value
 *            that carries what the stage needs later of the record's metadata (a batch is processed after its
 *            records' own {@code process} calls, when the context describes another record or none)
 */
public final class MicroBatcher<V> implements Processor<String, V, String, Publication> {
    private final String stage;
    private final Batching batching;
    private final Processor<String, V, String, Publication> delegate;
    private final PendingRecordSerde<V> serde;
    private final BiFunction<Record<String, V>, RuntimeException, Record<String, Publication>> failures;
    /** Records put in the store by this instance, so that a flush does not read (for frames: decode) them again. */
    private final Map<Long, PendingRecord<V>> held = new HashMap<>();
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<Long, byte[]> pending;
    private long next;
    private int count;
    private long oldestArrivedMs = Long.MAX_VALUE;
    private Cancellable drainCheck;

    /**
     * @param values   how a waiting record's value is written to the store and read back
     * @param failures the error record of a record on which a stage without a batch entry point threw
     */
    public MicroBatcher(String stage, Batching batching, Processor<String, V, String, Publication> delegate,
                        Serde<V> values, BiFunction<Record<String, V>, RuntimeException,
                        Record<String, Publication>> failures) {
        this.stage = stage;
        this.batching = batching;
        this.delegate = delegate;
        this.serde = new PendingRecordSerde<>(values);
        this.failures = failures;
    }

    /** A frame stage's batcher: frames are stored encoded and decoded again within {@code decoder}'s limit. */
    static MicroBatcher<StageInput> forFrames(String stage, Batching batching,
                                              Processor<String, StageInput, String, Publication> delegate,
                                              BoundedImageDecoder decoder) {
        return new MicroBatcher<>(stage, batching, delegate, new StageInputSerde(decoder),
                (record, e) -> StageFailures.of(stage, record, e));
    }

    public static String storeName(String stage) {
        return stage + "-pending-batch";
    }

    /** The stage's pending-batch store: persistent and changelogged, so that a restarted task gets its batch back. */
    public static StoreBuilder<KeyValueStore<Long, byte[]>> store(String stage) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName(stage)), Serdes.Long(),
                Serdes.ByteArray());
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        delegate.init(context);
        pending = context.getStateStore(storeName(stage));
        // a batch restored from the changelog: continue after it, and let its age count from its first arrival
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> entry = it.next();
                PendingRecord<V> record = serde.read(entry.value);
                held.put(entry.key, record);
                next = Math.max(next, entry.key + 1);
                count++;
                oldestArrivedMs = Math.min(oldestArrivedMs, record.arrivedMs());
            }
        }
        // with batching off only records restored from an earlier batching run wait, and only until the first check
        if (batching.enabled() || count > 0) {
            drainCheck = context.schedule(Duration.ofMillis(Math.max(1, batching.lingerMs() / 4)),
                    PunctuationType.WALL_CLOCK_TIME, this::lingered);
        }
    }

    @Override
    public void process(Record<String, V> record) {
        if (!batching.enabled() && count == 0) {
            oneByOne(List.of(record));
            return;
        }
        long key = next++;
        PendingRecord<V> waiting = new PendingRecord<>(record, context.currentSystemTimeMs());
        pending.put(key, serde.write(waiting));
        held.put(key, waiting);
        count++;
        oldestArrivedMs = Math.min(oldestArrivedMs, waiting.arrivedMs());
        if (count >= batching.size()) {
            flush();
        }
    }

    private void lingered(long now) {
        if (count > 0 && now - oldestArrivedMs >= batching.lingerMs()) {
            flush();
        }
        if (!batching.enabled() && count == 0) {
            drainCheck.cancel();
        }
    }

    private void flush() {
        List<Long> keys = new ArrayList<>(count);
        List<Record<String, V>> batch = new ArrayList<>(count);
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> entry = it.next();
                PendingRecord<V> record = held.get(entry.key);
                keys.add(entry.key);
                batch.add((record == null ? serde.read(entry.value) : record).record());
            }
        }
        keys.forEach(pending::delete);
        held.clear();
        count = 0;
        next = 0;
        oldestArrivedMs = Long.MAX_VALUE;
        run(batch);
    }

    private void run(List<Record<String, V>> batch) {
        if (delegate instanceof BatchProcessor<V> batched) {
            batched.processBatch(batch);
        } else {
            oneByOne(batch);
        }
    }

    /** Each record on its own, a failure staying with its record, as {@link GuardedStage} runs an unbatched stage. */
    private void oneByOne(List<Record<String, V>> batch) {
        for (Record<String, V> record : batch) {
            try {
                delegate.process(record);
            } catch (RuntimeException e) {
                // an outage is thrown on: the aborted transaction also brings the batch back from the changelog
                context.forward(failures.apply(record, e));
            }
        }
    }

    @Override
    public void close() {
        // the pending batch stays in the store: the task that owns it next (here or elsewhere) flushes it
        delegate.close();
    }
}
