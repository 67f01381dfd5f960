package dev.visionstream.models;

import ai.djl.ndarray.NDArray;

/**
 * Scalars for ops whose gradient is recorded. DJL's {@code mul(Number)}, {@code div(Number)}, {@code maximum(Number)}
 * wrap the number in a tensor over a direct buffer and close that tensor as soon as the op returns; autograd keeps
 * the tensor for the backward pass, and once the garbage collector frees the buffer the backward pass reads freed
 * memory. That made the iterative pose solver diverge at random (2.86 mm one run, 296 mm the next, only when a GC
 * happened mid-solve). A scalar made here lives in the manager of the array it scales, until that manager closes.
 */
public final class GraphScalar {
    private GraphScalar() {
    }

    /**
     * {@code value} as a tensor in {@code like}'s manager: pass a per-call or per-step array, never a model
     * parameter, whose manager lives as long as the model.
     */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().create(value);
    }
}
