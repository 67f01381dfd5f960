package dev.visionstream.app.stages;

import dev.visionstream.app.topology.FrameStage;
import java.util.List;

/**
 * The one place where stages are listed. A new stage is added here; routing reads camera configs by stage name
 * and needs no change.
 */
public final class StageRegistry {
    private StageRegistry() {
    }

    public static List<FrameStage> defaults() {
        return List.of(new CameraHealthStage());
    }
}
