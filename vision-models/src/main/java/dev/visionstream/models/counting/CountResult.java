package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.ModelInfo;
import dev.visionstream.schemas.Point;
import java.util.List;

/**
 * The count of one frame.
 *
 * @param count     the estimate chosen by {@code estimator}
 * @param estimator which estimate {@code count} is
 * @param densityCount the sum of the thresholded density (the paper's estimate), always reported
 * @param instances the density peaks kept as objects ({@link InstanceEstimate}); their number is the instance count
 * @param verified  the candidates the learned verifier kept ({@link VerifiedInstances}), or null where it was not run
 *                  (a backbone it was not trained for)
 * @param exemplars the exemplar boxes as used (clipped to the image)
 * @param warnings  adjustments made to the input (clipped boxes), empty when none
 * @param backbone  the feature extractor that produced the features
 * @param peaks     local maxima of the density, in image pixels, strongest first
 * @param timings   where the time went
 * @param density   the density map, for overlays
 */
public record CountResult(double count, CountEstimator estimator, double densityCount, List<Point> instances,
                          List<Point> verified,
                          List<Box> exemplars, List<String> warnings, ModelInfo backbone,
                          List<Point> peaks, CountTimings timings, DensityMap density) {
    public CountResult {
        exemplars = List.copyOf(exemplars);
        warnings = List.copyOf(warnings);
        peaks = List.copyOf(peaks);
        instances = List.copyOf(instances);
        verified = verified == null ? null : List.copyOf(verified);
    }

    /** How many objects the verifier kept, or null where it was not run. */
    public Integer verifiedCount() {
        return verified == null ? null : verified.size();
    }

    /** The objects behind {@code count}: the verified ones or the kept density peaks (none for the density sum). */
    public List<Point> countedInstances() {
        return switch (estimator) {
            case VERIFIED -> verified;
            case INSTANCES -> instances;
            case DENSITY -> List.of();
        };
    }

    public int instanceCount() {
        return instances.size();
    }
}
