package dev.visionstream.app.topology;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A model stage as the topology sees it: a name that camera configs enable, the state stores it needs, and a
 * processor turning admitted frames into publications. The processor holds no Kafka-free math: it adapts a
 * {@code vision-models} call to records.
 */
public interface FrameStage {
    /** The name used in {@code CameraConfig.stages}; also the processor name in the topology. */
    String name();

    default List<StoreBuilder<?>> stores() {
        return List.of();
    }

    /** Keeps the camera id as key; may forward from punctuators too (for example timer-based alerts). */
    Processor<String, StageInput, String, Publication> newProcessor();
}
