package dev.visionstream.models.counting.evaluation;

import dev.visionstream.models.Digests;
import java.util.Locale;

/**
 * Which side of the train / held-out divide a cut-out class or a background photo falls on. The rule is fixed
 * and needs no list: a key goes to {@link #EVAL} when the first byte of its SHA-256 is below 86 (about a third),
 * so classes used for evaluation never appear in training scenes, whatever is added to the data later.
 */
public enum DatasetSplit {
    TRAIN, EVAL;

    private static final int EVAL_BELOW = 86;

    public static DatasetSplit of(String key) {
        return (Digests.sha256(key)[0] & 0xff) < EVAL_BELOW ? EVAL : TRAIN;
    }

    /** {@code train} or {@code eval}, case-blind. */
    public static DatasetSplit parse(String name) {
        for (DatasetSplit s : values()) {
            if (s.label().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "': train or eval");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
