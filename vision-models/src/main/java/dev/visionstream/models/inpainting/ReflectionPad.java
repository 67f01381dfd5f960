package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Reflection padding of the last two axes of (B, C, H, W) features, built from flipped slices because DJL has no
 * reflection-pad primitive: x[.., p..1] | x | x[.., W-2..W-1-p], as {@code nn.ReflectionPad2d} does (the edge
 * pixel itself is not repeated).
 */
public final class ReflectionPad {
    private ReflectionPad() {
    }

    /** The same padding on all four sides. */
    public static NDArray pad(NDArray x, int p) {
        return pad(x, p, p, p, p);
    }

    public static NDArray pad(NDArray x, int top, int bottom, int left, int right) {
        NDArray rowsPadded = padAxis(x, 2, top, bottom);
        return padAxis(rowsPadded, 3, left, right);
    }

    private static NDArray padAxis(NDArray x, int axis, int before, int after) {
        if (before == 0 && after == 0) {
            return x;
        }
        long size = x.getShape().get(axis);
        if (before >= size || after >= size) {
            throw new IllegalArgumentException("reflection padding " + Math.max(before, after)
                    + " needs more than " + size + " pixels along axis " + axis);
        }
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(x.get(slice(axis, 1, before + 1)).flip(axis));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.get(slice(axis, size - 1 - after, size - 1)).flip(axis));
        }
        return NDArrays.concat(parts, axis);
    }

    private static NDIndex slice(int axis, long from, long to) {
        return axis == 2 ? new NDIndex(":, :, {}:{}", from, to) : new NDIndex(":, :, :, {}:{}", from, to);
    }
}
