package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * A block whose parameter shapes are all known at construction (channel counts are constructor arguments), so
 * initialisation needs no input shapes and the same weights serve any image size.
 */
abstract class FixedShapeBlock extends AbstractBlock {
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Parameter p : getDirectParameters().values()) {
            if (!p.isInitialized()) {
                p.initialize(manager, dataType);
            }
        }
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        // normalisation layers and the generator keep the shape of their first input (image or features)
        return new Shape[] {inputShapes[0]};
    }
}
