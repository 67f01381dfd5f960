package dev.visionstream.models.counting.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * What one composite scene is to be: its true count, layout, whether its targets come in several colours and
 * whether its background is chosen for clutter; everything random in it follows from the seed.
 */
public record SceneSpec(int index, int count, SceneLayout layout, boolean multicolour, boolean textured, long seed) {
    /**
     * {@code scenes} scenes with counts spread evenly in log scale from {@code minCount} to {@code maxCount}, the
     * layouts taking turns, every fourth scene (from the second) multicoloured, every other one textured.
     */
    public static List<SceneSpec> plan(int scenes, int minCount, int maxCount, long seed) {
        if (scenes < 1 || minCount < 3 || maxCount < minCount) {
            throw new IllegalArgumentException("need at least one scene and 3 <= min count <= max count, got "
                    + scenes + " scenes of " + minCount + " to " + maxCount);
        }
        List<SceneSpec> out = new ArrayList<>();
        SceneLayout[] layouts = SceneLayout.values();
        for (int i = 0; i < scenes; i++) {
            double t = scenes == 1 ? 0 : (double) i / (scenes - 1);
            int count = (int) Math.round(minCount * Math.pow((double) maxCount / minCount, t));
            out.add(new SceneSpec(i, count, layouts[i % layouts.length], i % 4 == 1, i % 2 == 1,
                    seed * 1_000_003L + i));
        }
        return out;
    }
}
