package dev.visionstream.app.stages;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.app.stages.pose.PoseStage;
import dev.visionstream.app.stages.splatting.SplattingStage;
import dev.visionstream.app.topology.Stage;
import dev.visionstream.ingest.ArtifactStore;
import java.util.List;

/**
 * The one place where stages are listed: the frame stages that camera configs enable by name, and pose, which
 * reads its own topic. A new stage is added here; routing needs no change.
 */
public final class StageRegistry {
    private StageRegistry() {
    }

    /**
     * @param artifacts where stages write pictures and scenes (density overlays, inpainted frames, .ply files)
     * @param settings  what the model stages load
     */
    public static List<Stage> defaults(ArtifactStore artifacts, StageSettings settings) {
        checkGpus(settings);
        return List.of(new CameraHealthStage(), CountingStage.of(artifacts, settings),
                new InpaintingStage(artifacts, settings), new SplattingStage(artifacts, settings),
                PoseStage.of(settings));
    }

    /**
     * Models load on first use; a GPU that is asked for but absent must stop the service at start-up instead,
     * not fail every frame.
     */
    private static void checkGpus(StageSettings settings) {
        if (settings.devices().wantsGpu()) {
            for (ModelStage stage : ModelStage.values()) {
                settings.devices().resolve(stage);
            }
        }
    }
}
