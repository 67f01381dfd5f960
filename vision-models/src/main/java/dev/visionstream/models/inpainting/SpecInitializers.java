package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The official initialisation ({@code initialize_weights(model, scale=0.1)}): conv weights Kaiming-normal
 * (fan-in) times 0.1, conv biases Normal(mean 0.0001, std 1) (the official call passes 0.0001 as the mean), RN-B
 * affine vectors 0.
 */
final class SpecInitializers {
    static final Initializer CONV_WEIGHT = (NDManager manager, Shape shape, DataType dataType) -> {
        long fanIn = shape.size() / shape.get(0);
        float std = (float) (Math.sqrt(2.0 / fanIn) * 0.1);
        return manager.randomNormal(0f, std, shape, dataType);
    };
    static final Initializer CONV_BIAS = (NDManager manager, Shape shape, DataType dataType) ->
            manager.randomNormal(0.0001f, 1f, shape, dataType);
    static final Initializer ZERO = (NDManager manager, Shape shape, DataType dataType) ->
            manager.zeros(shape, dataType);

    private SpecInitializers() {
    }
}
