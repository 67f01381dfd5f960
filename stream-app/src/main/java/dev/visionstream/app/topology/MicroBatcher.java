package dev.visionstream.app.topology;

import dev.visionstream.models.image.BoundedImageDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Runs a stage's processor on batches of frames: each frame waits in a changelogged store (key: its arrival order
 * within the task) until the batch holds {@link Batching#size()} frames, or until a wall-clock punctuator finds
 * the oldest older than {@link Batching#lingerMs()}; the batch then goes to the stage in arrival order. The store,
 * not memory, holds the batch because its frames' input offsets are committed with it: after a crash (exactly-once)
 * the pending frames come back from the changelog instead of being lost.
 *
 * <p>With batching off (size 1) a batchable stage still runs through here: a frame goes straight to the stage
 * without touching the store, unless frames are still waiting there from a run with batching on; those leave first,
 * in their order, so that turning batching off strands nothing.
 */
final class MicroBatcher implements Processor<String, StageInput, String, Publication> {
    private final String stage;
    private final Batching batching;
    private final Processor<String, StageInput, String, Publication> delegate;
    private final PendingFrameSerde serde;
    /** Frames put in the store by this instance, so that a flush does not decode them again. */
    private final Map<Long, PendingFrame> decoded = new HashMap<>();
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<Long, byte[]> pending;
    private long next;
    private int count;
    private long oldestArrivedMs = Long.MAX_VALUE;
    private Cancellable drainCheck;

    MicroBatcher(String stage, Batching batching, Processor<String, StageInput, String, Publication> delegate,
                 BoundedImageDecoder decoder) {
        this.stage = stage;
        this.batching = batching;
        this.delegate = delegate;
        this.serde = new PendingFrameSerde(decoder);
    }

    static String storeName(String stage) {
        return stage + "-pending-batch";
    }

    /** The stage's pending-batch store: persistent and changelogged, so that a restarted task gets its batch back. */
    static StoreBuilder<KeyValueStore<Long, byte[]>> store(String stage) {
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
                PendingFrame frame = serde.read(entry.value);
                decoded.put(entry.key, frame);
                next = Math.max(next, entry.key + 1);
                count++;
                oldestArrivedMs = Math.min(oldestArrivedMs, frame.arrivedMs());
            }
        }
        // with batching off only frames restored from an earlier batching run wait, and only until the first check
        if (batching.enabled() || count > 0) {
            drainCheck = context.schedule(Duration.ofMillis(Math.max(1, batching.lingerMs() / 4)),
                    PunctuationType.WALL_CLOCK_TIME, this::lingered);
        }
    }

    @Override
    public void process(Record<String, StageInput> record) {
        if (!batching.enabled() && count == 0) {
            oneByOne(List.of(record));
            return;
        }
        long key = next++;
        PendingFrame frame = new PendingFrame(record, context.currentSystemTimeMs());
        pending.put(key, serde.write(frame));
        decoded.put(key, frame);
        count++;
        oldestArrivedMs = Math.min(oldestArrivedMs, frame.arrivedMs());
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
        List<Record<String, StageInput>> batch = new ArrayList<>(count);
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> entry = it.next();
                PendingFrame frame = decoded.get(entry.key);
                keys.add(entry.key);
                batch.add((frame == null ? serde.read(entry.value) : frame).record());
            }
        }
        keys.forEach(pending::delete);
        decoded.clear();
        count = 0;
        next = 0;
        oldestArrivedMs = Long.MAX_VALUE;
        run(batch);
    }

    private void run(List<Record<String, StageInput>> batch) {
        if (delegate instanceof BatchProcessor batched) {
            batched.processBatch(batch);
        } else {
            oneByOne(batch);
        }
    }

    /** Each frame on its own, a failure staying with its frame, as {@link GuardedStage} runs an unbatched stage. */
    private void oneByOne(List<Record<String, StageInput>> batch) {
        for (Record<String, StageInput> record : batch) {
            try {
                delegate.process(record);
            } catch (RuntimeException e) {
                // an outage is thrown on: the aborted transaction also brings the batch back from the changelog
                context.forward(StageFailures.of(stage, record, e));
            }
        }
    }

    @Override
    public void close() {
        // the pending batch stays in the store: the task that owns it next (here or elsewhere) flushes it
        delegate.close();
    }
}
