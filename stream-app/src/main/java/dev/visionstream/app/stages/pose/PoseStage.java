package dev.visionstream.app.stages.pose;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.MicroBatcher;
import dev.visionstream.app.topology.PublicationSink;
import dev.visionstream.app.topology.TopicStage;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.TrackState;
import dev.visionstream.schemas.JsonSerde;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.Topics;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The {@code pose} stage: {@code vision.keypoints3d} (JSON, keyed by track id or camera id, so a track's records
 * share a partition) through {@link PoseProcessor} to the shared publication sink. Its input is 3D joints, not
 * frames, so it reads its own topic. Records may be batched ({@link MicroBatcher}, store
 * {@code pose-pending-batch}), which keeps its store at batch size 1 too, so that turning batching off strands
 * nothing.
 */
public final class PoseStage implements TopicStage {
    public static final String NAME = PoseEvent.STAGE;
    public static final String STORE = "pose-track-state";

    private final Supplier<PoseTracker> trackers;
    private final Batching batching;

    /** @param trackers gives each processor its tracker (solver, refinement and track settings) */
    public PoseStage(Supplier<PoseTracker> trackers) {
        this(trackers, Batching.NONE);
    }

    /** @param batching up to how many keypoint records of a stream task wait for one batched step */
    public PoseStage(Supplier<PoseTracker> trackers, Batching batching) {
        this.trackers = trackers;
        this.batching = batching;
    }

    /** The service's pose stage: default tracker settings; weights, device and batching as {@code settings} say. */
    public static PoseStage of(StageSettings settings) {
        return new PoseStage(() -> PoseTracker.open(PoseTracker.Settings.defaults(), settings.poseWeights(),
                settings.devices().resolve(ModelStage.POSE)), settings.poseBatching());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String sourceTopic() {
        return Topics.KEYPOINTS_3D;
    }

    @Override
    public void addTo(StreamsBuilder builder, PublicationSink sink) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(TrackState.class)));
        builder.addStateStore(MicroBatcher.store(NAME));
        sink.publish(builder
                .stream(sourceTopic(), Consumed.with(Serdes.String(), Serdes.String()).withName("keypoints3d-source"))
                .processValues(KeypointsSource::new, Named.as(NAME + "-source-coordinates"))
                .process(() -> new MicroBatcher<>(NAME, batching, new PoseProcessor(STORE, trackers),
                        JsonSerde.of(KeypointsRecord.class), PoseProcessor::failure), Named.as(NAME), STORE,
                        MicroBatcher.storeName(NAME)), NAME);
    }
}
