package dev.visionstream.models.counting.evaluation;

import java.util.Locale;

/** How a composite scene places its objects. */
public enum SceneLayout {
    /** Rows and columns, a little jitter; some cells hold distractors, some stay empty. */
    GRID,
    /** Anywhere, overlapping as long as every object stays mostly visible. */
    SCATTER,
    /** Clusters of targets that touch their neighbours without overlapping. */
    TOUCHING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
