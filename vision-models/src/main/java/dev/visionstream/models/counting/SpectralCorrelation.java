package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

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

    /** s = corr(F, K) / D for {@code kernel [D, kh, kw]}: {@code [H-kh+1, W-kw+1]}, as {@link SimilarityMaps#correlate}. */
    NDArray correlate(NDArray kernel) {
        long kh = kernel.getShape().get(1);
        long kw = kernel.getShape().get(2);
        NDArray summed = spectrum.mul(spectrum(kernel.flip(1, 2))).sum(new int[] {0});
        NDArray full = summed.ifft(height, 0).irfft(width, 1);
        return full.get(new NDIndex((kh - 1) + ":, " + (kw - 1) + ":")).div((float) channels);
    }

    /** Real input: a half spectrum along the width, then a full one along the height, zero-padded to H×W. */
    private NDArray spectrum(NDArray planes) {
        return planes.rfft(width, 2).fft(height, 1);
    }
}
