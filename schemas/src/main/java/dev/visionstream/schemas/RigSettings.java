package dev.visionstream.schemas;

import java.util.List;

/**
 * How the splatting stage groups frames into scenes.
 *
 * @param views          views per scene: the number of cameras in the rig, or K frames in sequence mode
 * @param toleranceMs    frames whose capture times lie within this of the scene's first frame belong together
 * @param timeoutMs      wall-clock wait for missing views before building (or refusing) the scene anyway
 * @param sequence       sequence mode: the last {@code views} frames of this one (moving) camera form a scene
 * @param keepViews      views whose Gaussians go into the scene (all when empty)
 */
public record RigSettings(Integer views, Long toleranceMs, Long timeoutMs, Boolean sequence, List<Integer> keepViews) {
    public static final RigSettings DEFAULTS = new RigSettings(2, 50L, 2000L, false, List.of());

    public RigSettings {
        views = views == null ? 2 : views;
        toleranceMs = toleranceMs == null ? 50L : toleranceMs;
        timeoutMs = timeoutMs == null ? 2000L : timeoutMs;
        sequence = sequence != null && sequence;
        keepViews = keepViews == null ? List.of() : List.copyOf(keepViews);
    }
}
