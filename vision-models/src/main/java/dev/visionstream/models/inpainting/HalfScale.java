package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.visionstream.models.GraphScalar;

/**
 * Moving a (B, C, H, W) picture to half size and a correction back, for a generator that runs at half resolution:
 * pictures by 2 × 2 means, masks by 2 × 2 maxima (a half-size pixel is a hole when any of its four is), corrections
 * by bilinear upsampling (PyTorch's {@code align_corners=False}, edges clamped). Built from plain ops, so training
 * records their gradients.
 */
public final class HalfScale {
    private HalfScale() {
    }

    public static NDArray picture(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    public static NDArray mask(NDArray m) {
        return Pool.maxPool2d(m, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    /** Twice the height and width: each output pixel is ¾ of its nearest input and ¼ of the next one over. */
    public static NDArray upsample(NDArray x) {
        return twice(twice(x, 3), 2);
    }

    private static NDArray twice(NDArray x, int axis) {
        long n = x.getShape().get(axis);
        String all = ":, ".repeat(axis);
        NDArray before = NDArrays.concat(new NDList(x.get(new NDIndex(all + "0:1")),
                x.get(new NDIndex(all + "0:" + (n - 1)))), axis);
        NDArray after = NDArrays.concat(new NDList(x.get(new NDIndex(all + "1:" + n)),
                x.get(new NDIndex(all + (n - 1) + ":" + n))), axis);
        NDArray near = x.mul(GraphScalar.of(x, 0.75f));
        NDArray even = near.add(before.mul(GraphScalar.of(x, 0.25f)));
        NDArray odd = near.add(after.mul(GraphScalar.of(x, 0.25f)));
        Shape s = x.getShape();
        long[] doubled = s.getShape().clone();
        doubled[axis] *= 2;
        return NDArrays.stack(new NDList(even, odd), axis + 1).reshape(new Shape(doubled));
    }
}
