package dev.visionstream.app.stages.splatting;

import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.schemas.JsonSerde;
import dev.visionstream.schemas.SplatEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Multi-view frames to a 3D Gaussian scene: frames are re-keyed by rig id (by camera id in sequence mode),
 * checked against the rig's registered cameras, collected by capture time, and built into a scene when every view
 * arrived or the timeout passed. The scene's .ply and a preview go to the artifact store; a {@link SplatEvent} goes
 * to {@code vision.splats}.
 */
public final class SplattingStage implements FrameStage {
    public static final String NAME = SplatEvent.STAGE;
    public static final String STORE = "splatting-pending-scenes";
    public static final String PROGRESS_STORE = "splatting-rig-progress";

    private final ArtifactStore artifacts;
    private final SplatPipeline pipeline;
    private final Duration timeoutCheck;

    /** The service's splatting stage: the predictor {@code settings} name, scenes checked every 250 ms. */
    public SplattingStage(ArtifactStore artifacts, StageSettings settings) {
        this(artifacts, SplatPredictors.of(settings), Duration.ofMillis(250));
    }

    /** @param timeoutCheck how often (wall clock) pending scenes are checked for their timeout */
    public SplattingStage(ArtifactStore artifacts, SplatPipeline pipeline, Duration timeoutCheck) {
        this.artifacts = artifacts;
        this.pipeline = pipeline;
        this.timeoutCheck = timeoutCheck;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyValueMapper<String, StageInput, String> groupKey() {
        return (cameraId, in) -> in.config().rig().sequence() || in.config().rigId() == null ? cameraId
                : in.config().rigId();
    }

    @Override
    public List<StoreBuilder<?>> stores() {
        return List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        JsonSerde.of(PendingScene.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE), Serdes.String(),
                        JsonSerde.of(RigProgress.class)));
    }

    @Override
    public Processor<String, StageInput, String, Publication> newProcessor() {
        return new SplattingProcessor(STORE, PROGRESS_STORE, pipeline, artifacts, timeoutCheck);
    }
}
