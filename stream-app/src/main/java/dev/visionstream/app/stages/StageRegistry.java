package dev.visionstream.app.stages;

import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.ingest.ArtifactStore;
import java.util.List;

/**
 * The one place where stages are listed. A new stage is added here; routing reads camera configs by stage name
 * and needs no change.
 */
public final class StageRegistry {
    private StageRegistry() {
    }

    public static List<FrameStage> defaults(ArtifactStore artifacts) {
        return List.of(new CameraHealthStage(), new InpaintingStage(artifacts));
    }
}
