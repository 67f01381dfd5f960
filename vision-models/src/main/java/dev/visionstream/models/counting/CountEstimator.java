package dev.visionstream.models.counting;

import java.util.Locale;

/** Which estimate a result's {@code count} reports; both are always computed and reported. */
public enum CountEstimator {
    /** The paper's estimate: the sum of the thresholded, exemplar-normalised density. */
    DENSITY,
    /** The number of density peaks kept by {@link InstanceEstimate}. */
    INSTANCES;

    /** {@code density} or {@code instances}, case-blind. */
    public static CountEstimator parse(String name) {
        for (CountEstimator e : values()) {
            if (e.name().equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown count estimator '" + name + "': density or instances");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
