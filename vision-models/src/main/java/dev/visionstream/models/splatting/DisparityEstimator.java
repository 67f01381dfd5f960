package dev.visionstream.models.splatting;

/** Disparity of a rectified pair's reference view (positive: the partner sees the point further left). */
@FunctionalInterface
public interface DisparityEstimator {
    DisparityMap estimate(RectifiedPair pair, int viewIndex);
}
