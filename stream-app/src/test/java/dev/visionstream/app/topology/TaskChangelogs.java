package dev.visionstream.app.topology;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the changelogs of a task's stores hold when its instance dies, and the restore Kafka Streams makes from them
 * when the task starts again (with exactly-once, a crashed task's local state is dropped and rebuilt from its
 * changelogs). A {@link TopologyTestSupport} driver records every changelog write as output but neither keeps its
 * state when closed nor restores on start, so a test that kills and restarts a topology takes the changelogs from the
 * first driver and writes them into the second one's state directory before it starts.
 */
public final class TaskChangelogs {
    /** The driver's one task, which holds every store. */
    private static final TaskId TASK = new TaskId(0, 0);

    private final Map<String, Map<Bytes, byte[]>> stores;

    private TaskChangelogs(Map<String, Map<Bytes, byte[]>> stores) {
        this.stores = stores;
    }

    /** The latest value of every key in the changelogs of {@code storeNames} (a delete removes the key). */
    public static TaskChangelogs of(TopologyTestSupport topology, String... storeNames) {
        Map<String, Map<Bytes, byte[]>> stores = new LinkedHashMap<>();
        for (String store : storeNames) {
            Map<Bytes, byte[]> latest = new LinkedHashMap<>();
            for (TestRecord<byte[], byte[]> r : topology.driver().createOutputTopic(changelog(store),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
                if (r.value() == null) {
                    latest.remove(Bytes.wrap(r.key()));
                } else {
                    latest.put(Bytes.wrap(r.key()), r.value());
                }
            }
            stores.put(store, latest);
        }
        return new TaskChangelogs(stores);
    }

    /** How many keys the store holds after the restore. */
    public int size(String store) {
        return stores.get(store).size();
    }

    /** Writes each store's restored content where a driver on {@code stateDir} opens it. */
    public void restoreInto(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, TopologyTestSupport.APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(config, TASK,
                stateDir.resolve(TopologyTestSupport.APPLICATION_ID).resolve(TASK.toString()).toFile());
        stores.forEach((name, content) -> {
            KeyValueStore<Bytes, byte[]> store = Stores.persistentKeyValueStore(name).get();
            store.init(context.getStateStoreContext(), store);
            content.forEach(store::put);
            store.close();
        });
    }

    private static String changelog(String store) {
        return TopologyTestSupport.APPLICATION_ID + "-" + store + "-changelog";
    }
}
