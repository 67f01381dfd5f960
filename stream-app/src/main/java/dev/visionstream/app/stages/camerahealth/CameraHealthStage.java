package dev.visionstream.app.stages.camerahealth;

import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.models.health.CameraHealthState;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.JsonSerde;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Per-camera health: one evaluation per frame, plus stall alerts from a wall-clock timer. */
public final class CameraHealthStage implements FrameStage {
    public static final String NAME = CameraHealthEvent.STAGE;
    public static final String STORE = "camera-health-state";

    private final Duration stallCheckInterval;

    public CameraHealthStage(Duration stallCheckInterval) {
        this.stallCheckInterval = stallCheckInterval;
    }

    public CameraHealthStage() {
        this(Duration.ofSeconds(1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StoreBuilder<?>> stores() {
        return List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(CameraHealthState.class)));
    }

    @Override
    public Processor<String, StageInput, String, Publication> newProcessor() {
        return new CameraHealthProcessor(STORE, stallCheckInterval);
    }
}
