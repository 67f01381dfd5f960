package dev.visionstream.app.stages.counting;

import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.counting.CountingStage;
import dev.visionstream.models.counting.SharedCounters;
import dev.visionstream.schemas.CountEvent;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * The {@code counting} stage: CountingDINO on every frame of a camera that enables it, with the camera's exemplar
 * boxes (or a frame's {@code vision.exemplars} header), publishing a {@link CountEvent} to {@code vision.counts}.
 * The counter (and its backbone) is created on first use and shared by all processors of the JVM.
 */
public final class CountingFrameStage implements FrameStage {
    public static final String NAME = CountEvent.STAGE;

    private final Supplier<? extends CountingStage> counter;
    private final ArtifactStore overlays;

    /**
     * @param counter  gives the counter; called on the first frame, not before
     * @param overlays where density-overlay PNGs go, or null for none
     */
    public CountingFrameStage(Supplier<? extends CountingStage> counter, ArtifactStore overlays) {
        this.counter = counter;
        this.overlays = overlays;
    }

    /**
     * The service's counting stage: the backbone named by system property {@code vision.counting.backbone} or
     * environment variable {@code VISION_COUNTING_BACKBONE} ({@code default} when neither is set), shared per JVM;
     * density overlays go to {@code artifacts} unless {@code vision.counting.overlays} is {@code false}.
     */
    public static CountingFrameStage fromEnvironment(ArtifactStore artifacts) {
        String backbone = System.getProperty("vision.counting.backbone",
                System.getenv().getOrDefault("VISION_COUNTING_BACKBONE", "default"));
        boolean overlays = Boolean.parseBoolean(System.getProperty("vision.counting.overlays", "true"));
        return new CountingFrameStage(() -> SharedCounters.get(backbone), overlays ? artifacts : null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Processor<String, StageInput, String, Publication> newProcessor() {
        return new CountingProcessor(counter, overlays);
    }
}
