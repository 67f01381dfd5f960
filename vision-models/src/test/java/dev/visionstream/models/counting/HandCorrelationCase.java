package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A valid correlation computed by hand, for the direct and the FFT form alike: features channel 0 = 1..9 and
 * channel 1 = all 1 (3×3), kernel channel 0 = [[1,0],[0,0]] and channel 1 = [[0,0],[0,2]]; each output is
 * (F0 at the window's top-left + 2) / 2 over the 2 channels, F0 being 1, 2, 4, 5.
 */
final class HandCorrelationCase {
    static final Shape OUTPUT_SHAPE = new Shape(2, 2);
    static final float[] EXPECTED = {1.5f, 2f, 3f, 3.5f};

    private HandCorrelationCase() {
    }

    static NDArray features(NDManager manager) {
        return manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1}, new Shape(2, 3, 3));
    }

    static NDArray kernel(NDManager manager) {
        return manager.create(new float[] {1, 0, 0, 0, 0, 0, 0, 2}, new Shape(2, 2, 2));
    }
}
