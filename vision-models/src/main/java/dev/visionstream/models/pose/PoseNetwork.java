package dev.visionstream.models.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The learned solver's network: an MLP from {@link PoseFeatures} to one residual rotation per solved joint in the
 * spec's 6-D layout, and the residual composition R = R_init·ΔR (right-multiplied, spec §5.5). The raw output is
 * scaled by 0.1 and added to the identity's 6-D vector, so an untrained network starts near "keep the init".
 */
public final class PoseNetwork {
    static final float OUTPUT_SCALE = 0.1f;
    private static final float[] IDENTITY_6D = {1, 0, 0, 1, 0, 0};

    private final SequentialBlock block;
    private final int hidden;
    private final int layers;

    public PoseNetwork(int hidden, int layers) {
        this.hidden = hidden;
        this.layers = layers;
        this.block = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            block.add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(SmplSkeleton.SOLVED_JOINTS * 6L).build());
    }

    public int hidden() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    SequentialBlock block() {
        return block;
    }

    void initialize(NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, PoseFeatures.SIZE));
    }

    /** Residual rotations (B, 22, 3, 3) for features (B, SIZE). */
    NDArray residuals(ParameterStore store, NDArray features, boolean training) {
        NDArray raw = block.forward(store, new NDList(features), training).singletonOrThrow();
        long batch = features.getShape().get(0);
        NDArray identity = features.getManager().create(IDENTITY_6D);
        NDArray sixD = raw.reshape(batch, SmplSkeleton.SOLVED_JOINTS, 6).mul(OUTPUT_SCALE).add(identity);
        return NdRotations.fromSixD(sixD);
    }

    /** Local rotations (B, 24, 3, 3): R_init·ΔR for the solved joints, the hands' init rotation kept. */
    static NDArray compose(NDArray initRotations, NDArray residuals) {
        NDArray solved = initRotations.get(":, 0:" + SmplSkeleton.SOLVED_JOINTS).matMul(residuals);
        NDArray hands = initRotations.get(":, " + SmplSkeleton.SOLVED_JOINTS + ":");
        return NDArrays.concat(new NDList(solved, hands), 1);
    }
}
