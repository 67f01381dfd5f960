package dev.visionstream.models.counting;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Exemplar prototypes as correlation kernels: each box is ROI-aligned out of the stitched features,
 * weighted by its inscribed ellipse and correlated ("valid", no padding) with the whole map; the channel mean of the
 * depthwise correlation equals one single-output correlation divided by D, computed through the FFT. The
 * per-exemplar maps are resized to the largest output size (half-pixel bilinear), averaged and min-max scaled.
 */
public final class SimilarityMaps {
    /** The common map S in [0, 1] and its size. */
    public record Similarity(NDArray map, int height, int width) {
    }

    private SimilarityMaps() {
    }

    /** The ellipse-weighted prototype {@code [D, kh, kw]} of one box of {@code features [D, G, G]}. */
    public static NDArray kernel(NDArray features, FeatureBox box) {
        NDManager manager = features.getManager();
        NDArray pooled = RoiAlign2x2.pool(features, box);
        NDArray ellipse = manager.create(EllipseMask.coverage(box.height(), box.width()),
                new Shape(box.height(), box.width()));
        return pooled.mul(ellipse);
    }

    /**
     * s = conv(F, K) / D for {@code features [D, G, G]} and {@code kernel [D, kh, kw]}: {@code [G-kh+1, G-kw+1]},
     * computed directly; the definition that {@link SpectralCorrelation}, which {@link #compute} uses, is tested
     * against.
     */
    public static NDArray correlate(NDArray features, NDArray kernel) {
        long d = features.getShape().get(0);
        NDArray input = features.expandDims(0);
        NDArray weight = kernel.expandDims(0);
        NDArray out = Conv2d.conv2d(input, weight, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
        return out.squeeze(new int[] {0, 1}).div((float) d);
    }

    /**
     * Half-pixel bilinear resize (the engine's bilinear interpolation, corners not aligned) of a {@code [h, w]} map.
     */
    public static NDArray resize(NDArray map, int outH, int outW) {
        if (map.getShape().get(0) == outH && map.getShape().get(1) == outW) {
            return map;
        }
        return NDImageUtils.resize(map.expandDims(2), outW, outH, Image.Interpolation.BILINEAR).squeeze(2);
    }

    /**
     * S for one frame's stitched {@code features [D, G, G]}. Throws when S is constant (nothing separates the
     * exemplars from the rest of the image), where min-max scaling would divide by zero.
     */
    public static Similarity compute(NDArray features, List<FeatureBox> boxes) {
        int grid = (int) features.getShape().get(1);
        int commonH = 0;
        int commonW = 0;
        for (FeatureBox b : boxes) {
            commonH = Math.max(commonH, grid - b.height() + 1);
            commonW = Math.max(commonW, grid - b.width() + 1);
        }
        SpectralCorrelation spectral = new SpectralCorrelation(features);
        List<NDArray> kernels = new ArrayList<>(boxes.size());
        for (FeatureBox b : boxes) {
            kernels.add(kernel(features, b));
        }
        NDList maps = new NDList(boxes.size());
        for (NDArray s : spectral.correlateAll(kernels)) {
            maps.add(resize(s, commonH, commonW));
        }
        NDArray mean = NDArrays.stack(maps).mean(new int[] {0});
        float min = mean.min().getFloat();
        float max = mean.max().getFloat();
        if (!(max > min)) {
            throw new CountingInputException(CountingInputException.Subject.IMAGE,
                    "the similarity map is constant: nothing in the image tells the "
                    + "exemplars apart from the rest");
        }
        return new Similarity(mean.sub(min).div(max - min), commonH, commonW);
    }
}
