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
import dev.visionstream.models.GraphScalar;
import java.util.Locale;

/**
 * The learned solver's network, from {@link PoseFeatures} to one residual rotation per solved joint in the spec's
 * 6-D layout, and the residual composition R = R_init·ΔR (right-multiplied). Two architectures:
 * {@code mlp} (the flat features through ReLU layers) and {@code gcn} (per-joint features — normalised init and
 * target position, init 6-D rotation — through graph convolutions over the SMPL tree, Â = D^-½(A + I)D^-½, then a
 * shared per-joint head). The raw output is scaled by 0.1 and added to the identity's 6-D vector, so an untrained
 * network starts near "keep the init".
 */
public final class PoseNetwork {
    /** The two architectures; the weights file records which. */
    public enum Architecture { MLP, GCN }

    static final float OUTPUT_SCALE = 0.1f;
    private static final float[] IDENTITY_6D = {1, 0, 0, 1, 0, 0};


    private final SequentialBlock block;
    private final Architecture architecture;
    private final int hidden;
    private final int layers;

    public PoseNetwork(Architecture architecture, int hidden, int layers) {
        this.architecture = architecture;
        this.hidden = hidden;
        this.layers = layers;
        this.block = new SequentialBlock();
        if (architecture == Architecture.MLP) {
            for (int i = 0; i < layers; i++) {
                block.add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
            }
            block.add(Linear.builder().setUnits(SmplSkeleton.SOLVED_JOINTS * 6L).build());
        } else {
            block.addSingleton(PoseNetwork::perJoint, "per-joint");
            block.add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
            for (int i = 0; i < layers; i++) {
                block.addSingleton(PoseNetwork::propagate, "graph");
                block.add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
            }
            block.add(Linear.builder().setUnits(6).build());
            block.addSingleton(x -> x.get(":, 0:" + SmplSkeleton.SOLVED_JOINTS).reshape(x.getShape().get(0),
                    SmplSkeleton.SOLVED_JOINTS * 6L), "solved-joints");
        }
    }

    /**
     * (B, SIZE) flat features → (B, 24, 15): init xyz, target xyz, their difference, init 6-D (zero for the root and
     * the hands).
     */
    private static NDArray perJoint(NDArray x) {
        long b = x.getShape().get(0);
        int j = SmplSkeleton.JOINTS;
        int block = PoseFeatures.JOINT_BLOCK;
        NDArray init = x.get(":, 0:" + block).reshape(b, j, 3);
        NDArray target = x.get(":, " + block + ":" + 2 * block).reshape(b, j, 3);
        NDArray difference = x.get(":, " + 2 * block + ":" + 3 * block).reshape(b, j, 3);
        NDArray rot = x.get(":, " + 3 * block + ":").reshape(b, SmplSkeleton.SOLVED_JOINTS - 1, 6);
        NDArray zero = rot.zerosLike().get(":, 0:1");
        NDArray hands = rot.zerosLike().get(":, 0:2");
        NDArray rotations = NDArrays.concat(new NDList(zero, rot, hands), 1);
        return NDArrays.concat(new NDList(init, target, difference, rotations), 2);
    }

    /** Â·H over the joint axis: (B, 24, C) → (B, 24, C). */
    private static NDArray propagate(NDArray h) {
        return h.getManager().create(ADJACENCY, new Shape(SmplSkeleton.JOINTS, SmplSkeleton.JOINTS)).matMul(h);
    }

    private static final float[] ADJACENCY = adjacency();

    private static float[] adjacency() {
        int n = SmplSkeleton.JOINTS;
        double[][] a = new double[n][n];
        for (int k = 0; k < n; k++) {
            a[k][k] = 1;
            if (k > 0) {
                a[k][SmplSkeleton.parent(k)] = 1;
                a[SmplSkeleton.parent(k)][k] = 1;
            }
        }
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                degree[i] += a[i][k];
            }
        }
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                out[i * n + k] = (float) (a[i][k] / Math.sqrt(degree[i] * degree[k]));
            }
        }
        return out;
    }

    public Architecture architecture() {
        return architecture;
    }

    public String describe() {
        return architecture.name().toLowerCase(Locale.ROOT) + "-" + layers + "x" + hidden;
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
        NDArray sixD = raw.reshape(batch, SmplSkeleton.SOLVED_JOINTS, 6).mul(GraphScalar.of(features, OUTPUT_SCALE))
                .add(identity);
        return NdRotations.fromSixD(sixD);
    }

    /** Local rotations (B, 24, 3, 3): R_init·ΔR for the solved joints, the hands' init rotation kept. */
    static NDArray compose(NDArray initRotations, NDArray residuals) {
        NDArray solved = initRotations.get(":, 0:" + SmplSkeleton.SOLVED_JOINTS).matMul(residuals);
        NDArray hands = initRotations.get(":, " + SmplSkeleton.SOLVED_JOINTS + ":");
        return NDArrays.concat(new NDList(solved, hands), 1);
    }
}
