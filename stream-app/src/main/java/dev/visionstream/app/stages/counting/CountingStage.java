package dev.visionstream.app.stages.counting;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.counting.Counter;
import dev.visionstream.models.counting.SharedCounters;
import dev.visionstream.schemas.CountEvent;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * The {@code counting} stage: CountingDINO on every frame of a camera that enables it, with the camera's exemplar
 * boxes (or a frame's {@code vision.exemplars} header), publishing a {@link CountEvent} to {@code vision.counts}.
 * The counter (and its backbone) is created on first use and shared by all processors of the JVM.
 */
public final class CountingStage implements FrameStage {
    public static final String NAME = CountEvent.STAGE;

    private final Supplier<? extends Counter> counter;
    private final ArtifactStore overlays;
    private final Batching batching;

    /**
     * @param counter  gives the counter; called on the first frame, not before
     * @param overlays where density-overlay PNGs go, or null for none
     */
    public CountingStage(Supplier<? extends Counter> counter, ArtifactStore overlays) {
        this(counter, overlays, Batching.NONE);
    }

    /** As {@link #CountingStage(Supplier, ArtifactStore)}, grouping frames as {@code batching} says. */
    public CountingStage(Supplier<? extends Counter> counter, ArtifactStore overlays, Batching batching) {
        this.counter = counter;
        this.overlays = overlays;
        this.batching = batching;
    }

    /**
     * The service's counting stage: the backbone, verifier and detector {@code settings} name on the device they
     * give, shared per JVM; density overlays go to {@code artifacts} unless the settings turn them off.
     */
    public static CountingStage of(ArtifactStore artifacts, StageSettings settings) {
        String backbone = settings.countingBackbone();
        return new CountingStage(() -> SharedCounters.get(backbone, settings.devices().resolve(ModelStage.COUNTING),
                settings.countingVerifier(), settings.countingDetector()),
                settings.countingOverlays() ? artifacts : null, settings.countingBatching());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Batching batching() {
        return batching;
    }

    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public Processor<String, StageInput, String, Publication> newProcessor() {
        return new CountingProcessor(counter, overlays);
    }
}
