package dev.visionstream.models.counting.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.counting.DensityNormalisation;
import dev.visionstream.models.counting.EllipseMask;
import dev.visionstream.models.counting.FeatureBox;
import dev.visionstream.models.counting.RoiAlign2x2;
import dev.visionstream.models.counting.SimilarityMaps;
import java.util.List;

/**
 * The density count of {@link dev.visionstream.models.counting.CountingDino} as one autograd graph, so a backbone
 * can be trained through the pipeline: ellipse-weighted ROI-Align prototypes correlated with the stitched features
 * (directly, not through the FFT), resized to the common size (by matrix products), averaged, min-max scaled,
 * divided by the exemplar mass and thresholded at 1 / largest kernel area, then summed. Every scalar in the graph is
 * a {@link GraphScalar}; the threshold's mask is a constant, so gradients reach the kept density only.
 */
public final class PipelineCount {
    private PipelineCount() {
    }

    /** The count, a scalar array, for stitched {@code features [D, G, G]} and the exemplars' cells. */
    public static NDArray densityCount(NDArray features, List<FeatureBox> boxes) {
        NDManager manager = features.getManager();
        int grid = (int) features.getShape().get(1);
        long channels = features.getShape().get(0);
        int commonH = 0;
        int commonW = 0;
        for (FeatureBox b : boxes) {
            commonH = Math.max(commonH, grid - b.height() + 1);
            commonW = Math.max(commonW, grid - b.width() + 1);
        }
        NDList maps = new NDList(boxes.size());
        for (FeatureBox b : boxes) {
            NDArray kernel = RoiAlign2x2.pool(features, b).mul(ellipse(manager, b));
            NDArray s = Conv2d.conv2d(features.expandDims(0), kernel.expandDims(0), null, new Shape(1, 1),
                    new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow().squeeze(new int[] {0, 1})
                    .div(GraphScalar.of(features, channels));
            maps.add(resize(s, commonH, commonW));
        }
        NDArray mean = NDArrays.stack(maps).mean(new int[] {0});
        NDArray min = mean.min();
        NDArray scaled = mean.sub(min).div(mean.max().sub(min).add(GraphScalar.of(features, 1e-12f)));
        NDArray mass = null;
        for (FeatureBox b : boxes) {
            FeatureBox inS = DensityNormalisation.scaledBox(b, grid, commonH, commonW);
            if (inS.height() <= 0 || inS.width() <= 0) {
                continue;
            }
            NDArray m = RoiAlign2x2.pool(scaled, inS).mul(ellipse(manager, inS)).sum();
            mass = mass == null ? m : mass.add(m);
        }
        if (mass == null) {
            throw new IllegalArgumentException("no exemplar box survives scaling into the similarity map");
        }
        // the mean over all exemplars, a box that scaled to nothing counting as zero (as the stage does)
        NDArray z = mass.div(GraphScalar.of(features, boxes.size()));
        float zValue = z.getFloat();
        if (!(zValue > 1e-6f) || !Float.isFinite(zValue)) {
            // the stage refuses such exemplars (CountingInputException); a step on them would divide by zero
            throw new IllegalArgumentException("the exemplar boxes hold no similarity mass (z = " + zValue + ")");
        }
        NDArray density = scaled.div(z);
        float tau = DensityNormalisation.threshold(boxes);
        NDArray kept = density.gte(GraphScalar.of(features, tau)).toType(density.getDataType(), false)
                .stopGradient();
        return density.mul(kept).sum();
    }

    /**
     * {@link SimilarityMaps#resize} (half-pixel bilinear, corners not aligned) as two constant matrix products,
     * whose gradients are plain: R_h · map · R_wᵀ.
     */
    static NDArray resize(NDArray map, int outH, int outW) {
        int inH = (int) map.getShape().get(0);
        int inW = (int) map.getShape().get(1);
        if (inH == outH && inW == outW) {
            return map;
        }
        NDManager manager = map.getManager();
        NDArray rows = manager.create(bilinear(inH, outH), new Shape(outH, inH));
        NDArray cols = manager.create(bilinear(inW, outW), new Shape(outW, inW));
        return rows.matMul(map).matMul(cols.transpose());
    }

    /** Row i: the weights of input samples for output i, at source (i + 0.5) · in / out − 0.5, clamped at 0. */
    private static float[] bilinear(int in, int out) {
        float[] m = new float[out * in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double source = Math.max(0, (i + 0.5) * scale - 0.5);
            int lo = Math.min((int) source, in - 1);
            int hi = Math.min(lo + 1, in - 1);
            double w = source - lo;
            m[i * in + lo] += (float) (1 - w);
            m[i * in + hi] += (float) w;
        }
        return m;
    }

    private static NDArray ellipse(NDManager manager, FeatureBox box) {
        return manager.create(EllipseMask.coverage(box.height(), box.width()), new Shape(box.height(), box.width()));
    }
}
