package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The "valid" channel-mean correlation of one feature grid with many exemplar kernels through the FFT: the grid's
 * spectrum is computed once, each kernel is flipped (correlation = convolution with the flipped kernel), and the
 * product is summed over channels before a single inverse transform. A circular transform of the grid's own size G
 * leaves the valid outputs (indices k-1 … G-1) free of wrap-around, so no padding is needed; the input being
 * real, only half of the spectrum along the width is kept. Direct correlation
 * costs G²·k²·D multiply-adds per exemplar; this costs O(D·G² log G).
 */
final class SpectralCorrelation {
    private final NDArray spectrum;
    private final long channels;
    private final long height;
    private final long width;

    /** @param features {@code [D, H, W]} */
    SpectralCorrelation(NDArray features) {
        this.channels = features.getShape().get(0);
        this.height = features.getShape().get(1);
        this.width = features.getShape().get(2);
        this.spectrum = spectrum(features);
    }

    /**
     * s_n = corr(F, K_n) / D, {@code [H-kh+1, W-kw+1]}, for kernels {@code [D, kh, kw]} of any sizes, as
     * {@link SimilarityMaps#correlate}, in one forward and one inverse transform: each flipped kernel is zero-padded
     * at its far end to the largest size, which keeps its valid outputs at indices kh-1 … H-1 (and kw-1 … W-1) of
     * the product's inverse, free of wrap-around.
     */
    NDList correlateAll(List<NDArray> kernels) {
        long maxH = 0;
        long maxW = 0;
        for (NDArray k : kernels) {
            maxH = Math.max(maxH, k.getShape().get(1));
            maxW = Math.max(maxW, k.getShape().get(2));
        }
        NDList padded = new NDList(kernels.size());
        for (NDArray k : kernels) {
            padded.add(zeroPadded(k.flip(1, 2), maxH, maxW));
        }
        NDArray products = spectrum.mul(spectrum(NDArrays.stack(padded))).sum(new int[] {1});
        NDArray full = products.ifft(height, 1).irfft(width, 2);
        NDList maps = new NDList(kernels.size());
        for (int n = 0; n < kernels.size(); n++) {
            long kh = kernels.get(n).getShape().get(1);
            long kw = kernels.get(n).getShape().get(2);
            maps.add(full.get(new NDIndex("{}, {}:, {}:", n, kh - 1, kw - 1)).div((float) channels));
        }
        return maps;
    }

    /** {@code [D, h, w]} with zero rows below and zero columns to the right up to {@code [D, rows, cols]}. */
    private static NDArray zeroPadded(NDArray kernel, long rows, long cols) {
        Shape shape = kernel.getShape();
        NDArray out = kernel;
        if (shape.get(2) < cols) {
            out = out.concat(kernel.getManager().zeros(new Shape(shape.get(0), shape.get(1), cols - shape.get(2))), 2);
        }
        if (shape.get(1) < rows) {
            out = out.concat(kernel.getManager().zeros(new Shape(shape.get(0), rows - shape.get(1), cols)), 1);
        }
        return out;
    }

    /** Real input: a half spectrum along the width, then a full one along the height, zero-padded to H×W. */
    private NDArray spectrum(NDArray planes) {
        int last = planes.getShape().dimension() - 1;
        return planes.rfft(width, last).fft(height, last - 1);
    }
}
