package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Turns the min-max scaled similarity map S into a density: z is the mean ellipse-weighted mass of S
 * inside the exemplar boxes (boxes carried into S's frame with the official float32 scaling and truncation), the
 * density is S / z, and values below tau = 1 / (largest exemplar kernel area) are zeroed.
 */
public final class DensityNormalisation {
    private DensityNormalisation() {
    }

    /**
     * A box coordinate carried from the feature grid into the common map frame: first by the exemplar's own
     * correlation-output size over the grid, then by the common size over that, both multiplications in float32,
     * then truncated toward zero.
     */
    public static int scaledCoordinate(int cell, int grid, int convSize, int commonSize) {
        float v = (float) cell * (float) ((double) convSize / grid);
        v = v * (float) ((double) commonSize / convSize);
        return (int) v;
    }

    /** The exemplar box in the frame of the common map S. */
    public static FeatureBox scaledBox(FeatureBox box, int grid, int commonHeight, int commonWidth) {
        int convH = grid - box.height() + 1;
        int convW = grid - box.width() + 1;
        return new FeatureBox(scaledCoordinate(box.x1(), grid, convW, commonWidth),
                scaledCoordinate(box.y1(), grid, convH, commonHeight),
                scaledCoordinate(box.x2(), grid, convW, commonWidth),
                scaledCoordinate(box.y2(), grid, convH, commonHeight));
    }

    /**
     * z = (1 / N) * sum over exemplars of the ellipse-weighted ROI-Align mass of {@code s} ({@code [H, W]}) inside
     * each scaled box. A scaled box that truncates to zero width or height contributes nothing.
     */
    public static float exemplarMass(NDArray s, List<FeatureBox> scaledBoxes) {
        NDManager manager = s.getManager();
        double total = 0;
        for (FeatureBox b : scaledBoxes) {
            if (b.height() <= 0 || b.width() <= 0) {
                continue;
            }
            NDArray pooled = RoiAlign2x2.pool(s, b);
            NDArray ellipse = manager.create(EllipseMask.coverage(b.height(), b.width()),
                    new Shape(b.height(), b.width()));
            total += pooled.mul(ellipse).sum().getFloat();
        }
        return (float) (total / scaledBoxes.size());
    }

    /** tau = 1 / max kernel area in grid cells. */
    public static float threshold(List<FeatureBox> kernels) {
        int maxArea = kernels.stream().mapToInt(FeatureBox::area).max().orElseThrow();
        return 1f / maxArea;
    }

    /** S / z with everything below tau set to zero (values at or above tau unchanged). */
    public static NDArray density(NDArray s, float z, float tau) {
        NDArray d = s.div(z);
        return d.mul(d.gte(tau).toType(d.getDataType(), false));
    }
}
