package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;

/**
 * The "valid" channel-mean correlation of one feature grid with many exemplar kernels through the FFT: the grid's
 * spectrum is computed once, each kernel is flipped (correlation = convolution with the flipped kernel), and the
 * product is summed over channels before its inverse transform. A circular transform of the grid's own size G
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
     * {@link SimilarityMaps#correlate}: each flipped kernel, zero-padded at its far end to H×W, keeps its valid
     * outputs at indices kh-1 … H-1 (and kw-1 … W-1) of the product's inverse, free of wrap-around. One kernel at
     * a time: the products of all of them at once (17 MB at D = 24, G = 240) fall out of the caches, which made
     * the same work about 15 % slower.
     */
    NDList correlateAll(List<NDArray> kernels) {
        NDList maps = new NDList(kernels.size());
        for (NDArray k : kernels) {
            NDArray product = spectrum.mul(spectrum(k.flip(1, 2))).sum(new int[] {0});
            NDArray full = product.ifft(height, 0).irfft(width, 1);
            maps.add(full.get(new NDIndex("{}:, {}:", k.getShape().get(1) - 1, k.getShape().get(2) - 1))
                    .div((float) channels));
        }
        return maps;
    }

    /** Real input: a half spectrum along the width, then a full one along the height, zero-padded to H×W. */
    private NDArray spectrum(NDArray planes) {
        int last = planes.getShape().dimension() - 1;
        return planes.rfft(width, last).fft(height, last - 1);
    }
}
