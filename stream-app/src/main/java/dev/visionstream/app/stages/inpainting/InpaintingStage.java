package dev.visionstream.app.stages.inpainting;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.schemas.InpaintEvent;
import java.nio.file.Path;
import org.apache.kafka.streams.processor.api.Processor;

/**
 * Fills each frame's masked regions (privacy zones, logos, dead pixels) with the camera's method: an
 * {@code InpaintEvent} on {@code vision.inpainted} (output PNG in the artifact store) and the inpainted frame on
 * {@code vision.frames.inpainted} in the {@code vision.frames} envelope. RN weights come from the constructor
 * (null: the built-in default).
 */
public final class InpaintingStage implements FrameStage {
    public static final String NAME = InpaintEvent.STAGE;

    private final ArtifactStore artifacts;
    private final InpainterPool inpainters;
    private final MaskLoader masks;
    private final Batching batching;

    public InpaintingStage(ArtifactStore artifacts, Path rnWeights) {
        this(artifacts, rnWeights, DeviceSetting.CPU, Batching.NONE);
    }

    /**
     * @param rnDevice where the RN generator runs
     * @param batching up to how many frames go through one model call
     */
    public InpaintingStage(ArtifactStore artifacts, Path rnWeights, DeviceSetting rnDevice, Batching batching) {
        this.artifacts = artifacts;
        this.inpainters = new InpainterPool(rnWeights, rnDevice);
        this.masks = new MaskLoader(artifacts);
        this.batching = batching;
    }

    /** The service's inpainting stage: RN weights, device and batching as {@code settings} say. */
    public InpaintingStage(ArtifactStore artifacts, StageSettings settings) {
        this(artifacts, settings.inpaintWeights(), settings.devices().of(ModelStage.INPAINTING),
                settings.inpaintBatching());
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
        return new InpaintingProcessor(artifacts, inpainters, masks);
    }
}
