package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The region-normalisation core shared by RN-B and RN-L: every region gets its own per-channel mean and
 * biased variance, and the effective epsilon is {@code EPSILON / rho_k} where {@code rho_k} is the region's share of
 * the pooled positions. This is the exact closed form of the official "fill with mean, BatchNorm, rescale by
 * sqrt(rho)" code. No parameters.
 */
public final class RegionNormalization {
    /** BatchNorm2d's default epsilon in the official code. */
    public static final float EPSILON = 1e-5f;

    private RegionNormalization() {
    }

    /**
     * @param x      features (B, C, H, W)
     * @param region region indicator (B, 1, H, W) with values 0 or 1; the other region is {@code 1 - region}
     * @return x normalised region by region, same shape
     */
    public static NDArray normalize(NDArray x, NDArray region, RegionStatistics statistics) {
        Shape shape = x.getShape();
        Shape regionShape = region.getShape();
        if (shape.dimension() != 4 || regionShape.dimension() != 4 || regionShape.get(1) != 1
                || regionShape.get(0) != shape.get(0) || regionShape.get(2) != shape.get(2)
                || regionShape.get(3) != shape.get(3)) {
            throw new IllegalArgumentException("region " + regionShape + " does not match features " + shape);
        }
        NDArray inside = normalizeRegion(x, region, statistics);
        NDArray outside = normalizeRegion(x, region.neg().add(1f), statistics);
        return inside.add(outside);
    }

    private static NDArray normalizeRegion(NDArray x, NDArray mask, RegionStatistics statistics) {
        Shape shape = x.getShape();
        boolean pooled = statistics == RegionStatistics.POOLED_OVER_BATCH;
        int[] axes = pooled ? new int[] {0, 2, 3} : new int[] {2, 3};
        long positions = (pooled ? shape.get(0) : 1) * shape.get(2) * shape.get(3);
        // count of region positions; an empty region counts as 1 so that it contributes exactly 0
        NDArray count = mask.sum(axes, true).maximum(1f);
        NDArray mean = x.mul(mask).sum(axes, true).div(count);
        NDArray centered = x.sub(mean);
        NDArray variance = centered.square().mul(mask).sum(axes, true).div(count);
        // eps / rho = eps * positions / count
        NDArray effectiveEpsilon = count.pow(-1f).mul(EPSILON * positions);
        return centered.mul(mask).div(variance.add(effectiveEpsilon).sqrt());
    }
}
