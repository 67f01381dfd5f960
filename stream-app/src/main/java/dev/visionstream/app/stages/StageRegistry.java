package dev.visionstream.app.stages;

import dev.visionstream.app.stages.counting.CountingFrameStage;
import dev.visionstream.app.stages.splatting.SplatStage;
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

    /** @param artifacts where stages write pictures and scenes (density overlays, inpainted frames, .ply files) */
    public static List<FrameStage> defaults(ArtifactStore artifacts) {
        return List.of(new CameraHealthStage(), CountingFrameStage.fromEnvironment(artifacts),
                new InpaintingStage(artifacts), new SplatStage(artifacts));
    }
}
