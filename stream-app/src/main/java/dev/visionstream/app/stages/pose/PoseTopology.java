package dev.visionstream.app.stages.pose;

import dev.visionstream.app.topology.Publication;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.TrackState;
import dev.visionstream.schemas.JsonSerde;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.Topics;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The pose stage's part of the topology: {@code vision.keypoints3d} (JSON, keyed by track id or camera id, so a
 * track's records share a partition) through {@link PoseProcessor} to the shared publication sink. It reads its
 * own topic rather than frames, so it is wired here instead of in the frame-stage registry.
 */
public final class PoseTopology {
    public static final String STORE = "pose-track-state";

    private PoseTopology() {
    }

    public static void addTo(StreamsBuilder builder, BiConsumer<KStream<String, Publication>, String> publish) {
        addTo(builder, publish, PoseTracker::withDefaults);
    }

    public static void addTo(StreamsBuilder builder, BiConsumer<KStream<String, Publication>, String> publish,
                             Supplier<PoseTracker> trackers) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(TrackState.class)));
        KStream<String, Publication> poses = builder
                .stream(Topics.KEYPOINTS_3D, Consumed.with(Serdes.String(), Serdes.String())
                        .withName("keypoints3d-source"))
                .process(() -> new PoseProcessor(STORE, trackers), Named.as(PoseEvent.STAGE), STORE);
        publish.accept(poses, PoseEvent.STAGE);
    }
}
