package dev.visionstream.models.counting;

import java.util.Locale;

/** Which estimate a result's {@code count} reports; every estimate is computed and reported. */
public enum CountEstimator {
    /** The paper's estimate: the sum of the thresholded, exemplar-normalised density. */
    DENSITY,
    /** The number of density peaks kept by {@link InstanceEstimate}. */
    INSTANCES,
    /** The number of template-matching candidates accepted by the learned verifier ({@link VerifiedInstances}). */
    VERIFIED;

    /** {@code verified}, {@code instances} or {@code density}, case-blind. */
    public static CountEstimator parse(String name) {
        for (CountEstimator e : values()) {
            if (e.name().equalsIgnoreCase(name.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown count estimator '" + name + "': verified, instances or density");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
