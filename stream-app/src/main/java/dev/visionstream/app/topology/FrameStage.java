package dev.visionstream.app.topology;

import java.util.List;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A model stage as the topology sees it: a name that camera configs enable, the state stores it needs, and a
 * processor turning admitted frames into publications. The processor holds no Kafka-free math: it adapts a
 * {@code vision-models} call to records.
 */
public non-sealed interface FrameStage extends Stage {
    default List<StoreBuilder<?>> stores() {
        return List.of();
    }

    /** How frames are grouped before one model call; {@link Batching#NONE} (the default) processes each at once. */
    default Batching batching() {
        return Batching.NONE;
    }

    /**
     * Whether the stage can batch at all (its batch size is a setting). Such a stage keeps its pending-batch store
     * in the topology even with batching off, so that frames left waiting by an earlier batching run are still
     * published when the batch size goes back to 1.
     */
    default boolean batchable() {
        return false;
    }

    /**
     * A stage that must see frames of several cameras together (a multi-view rig) returns the key to group them
     * by; the topology then repartitions its frames by that key. Null (the default) keeps the camera id.
     */
    default KeyValueMapper<String, StageInput, String> groupKey() {
        return null;
    }

    /**
     * Keeps the camera id as key (or the {@link #groupKey()}); may forward from punctuators too (for example
     * timer-based alerts).
     */
    Processor<String, StageInput, String, Publication> newProcessor();
}
