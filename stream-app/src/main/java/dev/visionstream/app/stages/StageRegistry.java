package dev.visionstream.app.stages;

import dev.visionstream.app.stages.splatting.SplatStage;
import dev.visionstream.app.topology.FrameStage;
import dev.visionstream.ingest.ArtifactStore;
import java.util.ArrayList;
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

    /** Every stage, including those that write scenes or pictures to {@code artifacts}. */
    public static List<FrameStage> defaults(ArtifactStore artifacts) {
        List<FrameStage> all = new ArrayList<>(defaults());
        all.add(new SplatStage(artifacts));
        return List.copyOf(all);
    }
}
