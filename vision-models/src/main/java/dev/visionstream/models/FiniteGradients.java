package dev.visionstream.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.Collection;

/**
 * The guard of a training step: whether every gradient is finite, and if not, every gradient zeroed in place so
 * the step can be skipped. DJL zeroes gradients before the next step by subtracting them from themselves, so one
 * inf or NaN left in place would spoil the weights for good. Zeroing goes through an indexed write, which copies into
 * the gradient itself: DJL's {@code set(float[])} swaps the wrapper's tensor for a new one made from the buffer, and
 * {@code getGradient()} returns a new wrapper each time, so that never reached the parameter's gradient.
 */
public final class FiniteGradients {
    private FiniteGradients() {
    }

    public static boolean checkOrZero(Collection<Parameter> parameters) {
        boolean finite = true;
        for (Parameter parameter : parameters) {
            NDArray g = parameter.getArray().getGradient();
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) {
                finite = false;
                break;
            }
        }
        if (!finite) {
            for (Parameter parameter : parameters) {
                parameter.getArray().getGradient().set(new NDIndex("..."), 0f);
            }
        }
        return finite;
    }
}
