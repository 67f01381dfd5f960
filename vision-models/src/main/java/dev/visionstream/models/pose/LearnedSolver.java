package dev.visionstream.models.pose;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Learnable SMPLify's one-pass solver on the SMPL 24-joint skeleton: from the track's previous pose (the init)
 * and the target joints, one network pass gives a residual rotation per solved joint, composed onto the init
 * (R = R_init·ΔR); the shape stays fixed, the pelvis goes onto the target pelvis. Weights come
 * from a file written by {@link PoseTrainer} (a small header, then DJL parameters); the built-in default is on
 * the classpath. Not thread-safe: one instance per thread.
 */
public final class LearnedSolver implements AutoCloseable {
    public static final String DEFAULT_RESOURCE = "/models/pose/learnable-smplify-mlp.params";
    static final String MAGIC = "visionstream-learnable-smplify";
    /** 2: standardised features (target relative to its pelvis, differences) and the number of passes. */
    static final int FORMAT = 2;

    private final NDManager manager;
    private final PoseNetwork network;
    private final ParameterStore store;
    private final String name;
    private final FeatureScaling scaling;
    private final int passes;

    private LearnedSolver(NDManager manager, PoseNetwork network, String name, FeatureScaling scaling, int passes) {
        this.manager = manager;
        this.network = network;
        this.store = new ParameterStore(manager, false);
        this.name = name;
        this.scaling = scaling;
        this.passes = passes;
    }

    /** The weights that ship with the project (trained by {@code vision pose train}), on the CPU. */
    public static LearnedSolver loadDefault() {
        return loadDefault(Device.cpu());
    }

    /** The built-in weights, on {@code device}. */
    public static LearnedSolver loadDefault(Device device) {
        try (InputStream in = LearnedSolver.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in pose weights missing: " + DEFAULT_RESOURCE);
            }
            return load(in, "built-in", device);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in pose weights", e);
        }
    }

    public static LearnedSolver load(Path file) throws IOException {
        return load(file, Device.cpu());
    }

    /** Weights from {@code file}, on {@code device}. */
    public static LearnedSolver load(Path file, Device device) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.getFileName().toString(), device);
        }
    }

    static LearnedSolver load(InputStream raw, String name) throws IOException {
        return load(raw, name, Device.cpu());
    }

    /** Checks the header (format, input and output sizes) before reading the parameters. */
    static LearnedSolver load(InputStream raw, String name, Device device) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        String magic = in.readUTF();
        int format = in.readInt();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a pose weights file: " + name);
        }
        if (format != FORMAT) {
            throw new IOException("pose weights " + name + " are format " + format + ", this version reads format "
                    + FORMAT + " (standardised features, several passes): retrain with `vision pose train`");
        }
        int inputs = in.readInt();
        int outputs = in.readInt();
        if (inputs != PoseFeatures.SIZE || outputs != SmplSkeleton.SOLVED_JOINTS * 6) {
            throw new IOException("pose weights expect " + inputs + " inputs and " + outputs + " outputs, not "
                    + PoseFeatures.SIZE + " and " + SmplSkeleton.SOLVED_JOINTS * 6);
        }
        String architecture = in.readUTF();
        int hidden = in.readInt();
        int layers = in.readInt();
        int passes = in.readInt();
        if (passes < 1 || passes > 8) {
            throw new IOException("pose weights " + name + ": " + passes + " passes is out of range 1-8");
        }
        FeatureScaling scaling = FeatureScaling.read(in);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        try {
            PoseNetwork network = new PoseNetwork(PoseNetwork.Architecture.valueOf(architecture), hidden, layers);
            network.initialize(manager);
            network.block().loadParameters(manager, in);
            return new LearnedSolver(manager, network, name, scaling, passes);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new IOException("unknown pose network architecture " + architecture + " in " + name, e);
        } catch (RuntimeException | MalformedModelException e) {
            manager.close();
            throw new IOException("cannot load pose weights " + name + ": " + e.getMessage(), e);
        }
    }

    static void save(PoseNetwork network, FeatureScaling scaling, int passes, OutputStream raw) throws IOException {
        DataOutputStream out = new DataOutputStream(raw);
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(PoseFeatures.SIZE);
        out.writeInt(SmplSkeleton.SOLVED_JOINTS * 6);
        out.writeUTF(network.architecture().name());
        out.writeInt(network.hidden());
        out.writeInt(network.layers());
        out.writeInt(passes);
        scaling.write(out);
        network.block().saveParameters(out);
        out.flush();
    }

    public String name() {
        return name;
    }

    /** Where the network's weights and inputs live. */
    public Device device() {
        return manager.getDevice();
    }

    public String architecture() {
        return network.describe();
    }

    /** How many times the network is applied to each target, each pass starting from the previous one's pose. */
    public int passes() {
        return passes;
    }

    public BodyPose solve(BodyShape shape, BodyPose init, double[][] target) {
        return solveBatch(List.of(shape), List.of(init), Collections.singletonList(target)).get(0);
    }

    /** {@link #passes()} network passes for B independent (shape, init, target) triples. */
    public List<BodyPose> solveBatch(List<BodyShape> shapes, List<BodyPose> inits, List<double[][]> targets) {
        List<BodyPose> poses = inits;
        for (int pass = 0; pass < passes; pass++) {
            poses = pass(shapes, poses, targets);
        }
        return poses;
    }

    private List<BodyPose> pass(List<BodyShape> shapes, List<BodyPose> inits, List<double[][]> targets) {
        float[] features = features(shapes, inits, targets, scaling);
        float[] residuals;
        try (NDManager scope = manager.newSubManager()) {
            residuals = network.residuals(store, scope.create(features, new Shape(shapes.size(), PoseFeatures.SIZE)),
                    false).toFloatArray();
        }
        return applyResiduals(inits, residuals, targets);
    }

    /** Standardised {@link PoseFeatures} of B triples, row after row. */
    static float[] features(List<BodyShape> shapes, List<BodyPose> inits, List<double[][]> targets,
                            FeatureScaling scaling) {
        float[] features = new float[shapes.size() * PoseFeatures.SIZE];
        for (int b = 0; b < shapes.size(); b++) {
            PoseFeatures.write(shapes.get(b), inits.get(b), targets.get(b), features, b * PoseFeatures.SIZE);
        }
        scaling.apply(features);
        return features;
    }

    /**
     * R = R_init·ΔR for the solved joints from the network's residuals (B×22 row-major 3×3), the pelvis on the
     * target pelvis: the inference side of {@link PoseNetwork#compose}.
     */
    static List<BodyPose> applyResiduals(List<BodyPose> inits, float[] residuals, List<double[][]> targets) {
        List<BodyPose> poses = new ArrayList<>(inits.size());
        for (int b = 0; b < inits.size(); b++) {
            double[][] rotations = inits.get(b).matrices();
            for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
                double[] delta = new double[9];
                for (int i = 0; i < 9; i++) {
                    delta[i] = residuals[(b * SmplSkeleton.SOLVED_JOINTS + k) * 9 + i];
                }
                rotations[k] = Rotations.orthonormalize(Rotations.multiply(rotations[k], delta));
            }
            poses.add(BodyPose.fromMatrices(rotations, targets.get(b)[SmplSkeleton.PELVIS]));
        }
        return poses;
    }

    @Override
    public void close() {
        manager.close();
    }
}
