package dev.visionstream.models.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Keras' {@code UpSampling2D} with bilinear interpolation: TensorFlow's {@code ResizeBilinear} to exactly twice the
 * height and width of an NCHW map. Its graph carries the target size as a constant folded for the converter's input
 * size, so the factor, not that size, is what holds for other inputs.
 */
final class Upsampling {
    private Upsampling() {
    }

    /**
     * @param halfPixelCenters TensorFlow 2's sampling (source = (i + 0.5) / 2 - 0.5); else the legacy one (source =
     *                         i / 2), which Keras' layer used
     * @param alignCorners     corner-aligned sampling, not supported
     */
    static NDArray doubleBilinear(NDArray x, boolean halfPixelCenters, boolean alignCorners) {
        if (alignCorners) {
            throw new IllegalArgumentException("ResizeBilinear with align_corners is not supported");
        }
        return along(along(x, 2, halfPixelCenters), 3, halfPixelCenters);
    }

    private static NDArray along(NDArray x, int axis, boolean halfPixel) {
        long n = x.getShape().get(axis);
        NDArray next = NDArrays.concat(new NDList(x.get(slice(axis, 1, n)), x.get(slice(axis, n - 1, n))), axis);
        NDArray even;
        NDArray odd;
        if (halfPixel) {
            NDArray previous = NDArrays.concat(new NDList(x.get(slice(axis, 0, 1)), x.get(slice(axis, 0, n - 1))),
                    axis);
            even = x.mul(0.75f).add(previous.mul(0.25f));
            odd = x.mul(0.75f).add(next.mul(0.25f));
        } else {
            even = x;
            odd = x.add(next).mul(0.5f);
        }
        long[] dims = x.getShape().getShape();
        dims[axis] = 2 * n;
        return NDArrays.stack(new NDList(even, odd), axis + 1).reshape(dims);
    }

    private static NDIndex slice(int axis, long from, long to) {
        return new NDIndex(":, ".repeat(axis) + from + ":" + to);
    }
}
