package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code PixelShuffle(r)}: out[c, r*h + i, r*w + j] = in[r*r*c + r*i + j, h, w] (ONNX DepthToSpace
 * "CRD" order), as a reshape and a transpose.
 */
public final class PixelShuffle {
    private PixelShuffle() {
    }

    public static NDArray shuffle(NDArray x, int factor) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long height = s.get(2);
        long width = s.get(3);
        long r2 = (long) factor * factor;
        if (channels % r2 != 0) {
            throw new IllegalArgumentException("PixelShuffle(" + factor + ") needs channels divisible by " + r2
                    + ", got " + channels);
        }
        long outChannels = channels / r2;
        return x.reshape(batch, outChannels, factor, factor, height, width)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(batch, outChannels, height * factor, width * factor);
    }
}
