package dev.visionstream.app.topology;

import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The service topology: frames joined with their camera's config, admitted (decoded once), routed by name to every
 * frame stage the camera enables; stages with a topic of their own (pose) add their part; every publication
 * (results and errors alike) is written to its topic.
 */
public final class VisionTopology {
    public static final String CAMERA_CONFIG_STORE = "camera-config";

    private final List<Stage> stages;
    private final BoundedImageDecoder decoder;
    private final ClaimCheckResolver claimChecks;
    private final PublicationListener listener;

    public VisionTopology(List<? extends Stage> stages, BoundedImageDecoder decoder, ClaimCheckResolver claimChecks,
                          PublicationListener listener) {
        this.stages = List.copyOf(stages);
        this.decoder = decoder;
        this.claimChecks = claimChecks;
        this.listener = listener;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> cameras = builder.globalTable(Topics.CAMERAS,
                Consumed.with(Serdes.String(), Serdes.String()).withName("cameras-source"),
                Materialized.as(CAMERA_CONFIG_STORE));
        // capture time is the record timestamp; a record without a usable one takes the partition's time
        KStream<String, byte[]> frames = builder.stream(Topics.FRAMES,
                Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
                        .withName("frames-source"));

        KStream<String, Admission> admitted = frames
                .leftJoin(cameras, (cameraId, bytes) -> cameraId, ConfiguredFrame::new, Named.as("join-camera-config"))
                .processValues(() -> new FrameAdmission(decoder, claimChecks), Named.as(FrameAdmission.STAGE));

        var branches = admitted.split(Named.as("admission-"))
                .branch((cameraId, admission) -> admission.isAccepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        publish(branches.get("admission-rejected").mapValues(Admission::rejection, Named.as("rejections")),
                FrameAdmission.STAGE);

        KStream<String, StageInput> inputs = branches.get("admission-accepted")
                .mapValues(Admission::input, Named.as("admitted-frames"));
        for (Stage stage : stages) {
            if (stage instanceof FrameStage frameStage) {
                addFrameStage(builder, inputs, frameStage);
            } else if (stage instanceof TopicStage topicStage) {
                topicStage.addTo(builder, this::publish);
            }
        }
        return builder.build();
    }

    private void addFrameStage(StreamsBuilder builder, KStream<String, StageInput> inputs, FrameStage stage) {
        Batching batching = stage.batching();
        boolean batcher = batching.enabled() || stage.batchable();
        List<StoreBuilder<?>> stores = new ArrayList<>(stage.stores());
        if (batcher) {
            stores.add(MicroBatcher.store(stage.name()));
        }
        for (StoreBuilder<?> store : stores) {
            builder.addStateStore(store);
        }
        String[] storeNames = stores.stream().map(StoreBuilder::name).toArray(String[]::new);
        KStream<String, StageInput> enabled = inputs
                .filter((cameraId, in) -> in.config().enables(stage.name()), Named.as(stage.name() + "-enabled"));
        if (stage.groupKey() != null) {
            enabled = enabled.selectKey(stage.groupKey(), Named.as(stage.name() + "-group-key"))
                    .repartition(Repartitioned.with(Serdes.String(), new StageInputSerde(decoder))
                            .withName(stage.name() + "-grouped"));
        }
        KStream<String, Publication> results = enabled
                .process(() -> batcher
                        ? MicroBatcher.forFrames(stage.name(), batching, stage.newProcessor(), decoder)
                        : new GuardedStage(stage.name(), stage.newProcessor()), Named.as(stage.name()), storeNames);
        publish(results, stage.name());
    }

    private void publish(KStream<String, Publication> publications, String stageName) {
        publications
                .peek((cameraId, publication) -> {
                    if (!publication.isFrame()) {
                        listener.published(publication);
                    }
                }, Named.as(stageName + "-observed"))
                .to((cameraId, publication, context) -> publication.topic(),
                        Produced.with(Serdes.String(), new PublicationSerde()).withName(stageName + "-sink"));
    }
}
