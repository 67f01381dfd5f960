package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/** One frame to count, with its exemplar boxes in the frame's pixels and the estimate its count reports. */
public record CountRequest(BufferedImage image, List<Box> exemplars, CountEstimator estimator) {
    /** The estimator that measured best on the real-image set. */
    public static final CountEstimator DEFAULT_ESTIMATOR = CountEstimator.VERIFIED;

    public CountRequest {
        estimator = estimator == null ? DEFAULT_ESTIMATOR : estimator;
    }

    public CountRequest(BufferedImage image, List<Box> exemplars) {
        this(image, exemplars, DEFAULT_ESTIMATOR);
    }
}
