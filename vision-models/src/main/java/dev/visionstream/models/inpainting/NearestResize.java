package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Nearest-neighbour resizing of a (B, 1, H, W) mask as PyTorch's {@code interpolate(mode='nearest')} does it:
 * output index i reads source index floor(i * H / h). For the generator's exact halvings this takes M[2i, 2j] and
 * M[4i, 4j]: no max-pooling, so a hole thinner than the stride can vanish.
 */
public final class NearestResize {
    private NearestResize() {
    }

    public static NDArray resize(NDArray mask, long height, long width) {
        long sourceHeight = mask.getShape().get(2);
        long sourceWidth = mask.getShape().get(3);
        if (sourceHeight == height && sourceWidth == width) {
            return mask;
        }
        NDArray rows = mask.getManager().create(sourceIndices(sourceHeight, height));
        NDArray cols = mask.getManager().create(sourceIndices(sourceWidth, width));
        NDArray picked = mask.get(new NDIndex(":, :, {}", rows));
        return picked.get(new NDIndex(":, :, :, {}", cols));
    }

    static long[] sourceIndices(long source, long target) {
        double scale = (double) source / target;
        long[] indices = new long[(int) target];
        for (int i = 0; i < target; i++) {
            indices[i] = Math.min((long) Math.floor(i * scale), source - 1);
        }
        return indices;
    }
}
