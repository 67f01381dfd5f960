package dev.visionstream.models.pose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.TorchThreads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the learned solver on CPU with DJL: synthetic clips ({@link SyntheticMotion}) plus any mocap clips given,
 * pairs drawn as {@link PosePairs#random}. Since at run time the init is never an exact pose of the motion (it is
 * the solver's own previous output, or an iterative fit of joints no skeleton reproduces), settings can make a share
 * of each batch start from the network's current solution of a previous pair ({@link PosePairs#randomChain},
 * "chained" pairs), from an init with random joint rotation errors ({@link InitNoise}), or from such a noisy init
 * aimed at its own frame ({@link PosePairs#stay}). Loss 5·mean joint distance (metres, pelvis on the target pelvis)
 * + mean squared Frobenius distance of the predicted to the target local rotations (the chordal form of the paper's
 * geodesic pose loss, smooth near zero), AdamW with weight decay 0.1 and a per-step cosine schedule (spec §8).
 * Deterministic for a seed.
 */
public final class PoseTrainer {
    /** Training settings; {@link #defaults()} are what produced the committed weights. */
    public record Settings(long seed, int steps, int batch, double learningRate,
                           PoseNetwork.Architecture architecture, int hidden, int layers, int syntheticClips,
                           int clipFrames, int evalEvery, double chainedShare, double noisyShare,
                           double initNoiseDegrees, double stayShare) {
        public static Settings defaults() {
            // imperfect-init pairs off: they did not beat these weights (README, "Robustness to imperfect inits")
            return new Settings(7, 6000, 256, 1e-3, PoseNetwork.Architecture.MLP, 512, 3, 2000, 60, 500, 0.0, 0.0,
                    3.0, 0.0);
        }
    }

    /** Progress: the step just done, the total, the last loss, and a log line when there is one (else null). */
    public interface Progress {
        void update(int step, int total, double loss, String logLine);
    }

    private final Settings settings;

    public PoseTrainer(Settings settings) {
        this.settings = settings;
    }

    /** Trains and writes the weights to {@code out}; returns the final evaluation line. */
    public String train(List<MotionClip> extraClips, List<MotionClip> heldOut, OutputStream out, Progress progress)
            throws IOException {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());
        Random random = new Random(settings.seed());
        List<MotionClip> clips = new ArrayList<>();
        for (int c = 0; c < settings.syntheticClips(); c++) {
            clips.add(SyntheticMotion.generate(random, settings.clipFrames(), "synthetic-" + c));
        }
        clips.addAll(extraClips);
        List<PosePairs.Pair> gap1 = PosePairs.fixedGap(heldOut, 1, 3);
        List<PosePairs.Pair> gap9 = PosePairs.fixedGap(heldOut, 9, 3);
        String last = "";
        try (TorchThreads single = TorchThreads.limit(1); NDManager manager = engine.newBaseManager()) {
            PoseNetwork network = new PoseNetwork(settings.architecture(), settings.hidden(), settings.layers());
            network.initialize(manager);
            ParameterStore store = new ParameterStore(manager, false);
            Optimizer optimizer = Optimizer.adamW()
                    .optLearningRateTracker(Tracker.cosine().setBaseValue((float) settings.learningRate())
                            .optFinalValue((float) (settings.learningRate() * 0.01)).setMaxUpdates(settings.steps())
                            .build())
                    .optWeightDecays(0.1f).build();
            for (int step = 1; step <= settings.steps(); step++) {
                double loss = step(network, store, optimizer, manager, clips, random);
                String line = null;
                if (step % settings.evalEvery() == 0 || step == settings.steps()) {
                    line = String.format("step %d loss %.4f held-out MPJPE gap1 %.2f mm gap9 %.2f mm", step, loss,
                            evaluate(network, gap1), evaluate(network, gap9));
                    last = line;
                }
                progress.update(step, settings.steps(), loss, line);
            }
            LearnedSolver.save(network, out);
        }
        return last;
    }

    private double step(PoseNetwork network, ParameterStore store, Optimizer optimizer, NDManager manager,
                        List<MotionClip> clips, Random random) {
        int batch = settings.batch();
        float[] features = new float[batch * PoseFeatures.SIZE];
        float[] initRot = new float[batch * SmplSkeleton.JOINTS * 9];
        float[] targetRot = new float[batch * SmplSkeleton.SOLVED_JOINTS * 9];
        List<BodyShape> shapes = new ArrayList<>();
        List<double[][]> targets = new ArrayList<>();
        List<PosePairs.Pair> pairs = pairs(network, store, manager, clips, random);
        for (int b = 0; b < batch; b++) {
            PosePairs.Pair pair = pairs.get(b);
            PoseFeatures.write(pair.shape(), pair.init(), pair.target(), features, b * PoseFeatures.SIZE);
            double[][] ri = pair.init().matrices();
            double[][] rt = pair.targetPose().matrices();
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                for (int i = 0; i < 9; i++) {
                    initRot[(b * SmplSkeleton.JOINTS + k) * 9 + i] = (float) ri[k][i];
                    if (k < SmplSkeleton.SOLVED_JOINTS) {
                        targetRot[(b * SmplSkeleton.SOLVED_JOINTS + k) * 9 + i] = (float) rt[k][i];
                    }
                }
            }
            shapes.add(pair.shape());
            targets.add(pair.target());
        }
        float[] pelvis = new float[batch * 3];
        float[] target = PoseArrays.joints(targets);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(target, b * SmplSkeleton.JOINTS * 3, pelvis, b * 3, 3);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(features, new Shape(batch, PoseFeatures.SIZE));
            NDArray rInit = scope.create(initRot, new Shape(batch, SmplSkeleton.JOINTS, 3, 3));
            NDArray rTarget = scope.create(targetRot, new Shape(batch, SmplSkeleton.SOLVED_JOINTS, 3, 3));
            NDArray offsets = scope.create(PoseArrays.offsets(shapes), new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray goal = scope.create(target, new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray translation = scope.create(pelvis, new Shape(batch, 3));
            double value;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray rotations = PoseNetwork.compose(rInit, network.residuals(store, x, true));
                NDArray joints = BatchedKinematics.joints(rotations, offsets, translation);
                NDArray jointLoss = joints.sub(goal).square().sum(new int[] {2}).add(1e-12f).sqrt().mean();
                NDArray poseLoss = rotations.get(":, 0:" + SmplSkeleton.SOLVED_JOINTS).sub(rTarget).square()
                        .sum(new int[] {2, 3}).mean();
                NDArray loss = jointLoss.mul(GraphScalar.of(jointLoss, 5f)).add(poseLoss);
                collector.backward(loss);
                value = loss.getFloat();
            }
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                NDArray weight = p.getValue().getArray();
                optimizer.update(p.getValue().getId(), weight, weight.getGradient());
            }
            return value;
        }
    }

    /**
     * The batch's pairs: chained ones first (their init solved by the current network), then "stay" pairs (noisy init,
     * target = the init frame), then plain or noisy ones.
     */
    private List<PosePairs.Pair> pairs(PoseNetwork network, ParameterStore store, NDManager manager,
                                       List<MotionClip> clips, Random random) {
        int chained = (int) Math.round(settings.chainedShare() * settings.batch());
        List<PosePairs.Pair> pairs = new ArrayList<>(settings.batch());
        if (chained > 0) {
            List<PosePairs.Chain> chains = new ArrayList<>(chained);
            float[] features = new float[chained * PoseFeatures.SIZE];
            for (int b = 0; b < chained; b++) {
                PosePairs.Chain chain = PosePairs.randomChain(clips, random);
                chains.add(chain);
                PosePairs.Pair first = chain.first();
                PoseFeatures.write(first.shape(), first.init(), first.target(), features, b * PoseFeatures.SIZE);
            }
            float[] residuals;
            try (NDManager scope = manager.newSubManager()) {
                residuals = network.residuals(store, scope.create(features, new Shape(chained, PoseFeatures.SIZE)),
                        false).toFloatArray();
            }
            List<BodyPose> solved = LearnedSolver.applyResiduals(
                    chains.stream().map(c -> c.first().init()).toList(), residuals,
                    chains.stream().map(c -> c.first().target()).toList());
            for (int b = 0; b < chained; b++) {
                PosePairs.Chain chain = chains.get(b);
                pairs.add(new PosePairs.Pair(chain.first().shape(), solved.get(b), chain.target(),
                        chain.targetPose()));
            }
        }
        int stay = (int) Math.round(settings.stayShare() * settings.batch());
        for (int b = 0; b < stay && pairs.size() < settings.batch(); b++) {
            PosePairs.Pair pair = PosePairs.stay(clips, random);
            pairs.add(new PosePairs.Pair(pair.shape(), InitNoise.perturb(pair.init(), settings.initNoiseDegrees(),
                    random), pair.target(), pair.targetPose()));
        }
        while (pairs.size() < settings.batch()) {
            PosePairs.Pair pair = PosePairs.random(clips, random);
            // no draw when off, so that runs without noise keep the random sequence of earlier runs
            if (settings.noisyShare() > 0 && random.nextDouble() < settings.noisyShare()) {
                pair = new PosePairs.Pair(pair.shape(), InitNoise.perturb(pair.init(), settings.initNoiseDegrees(),
                        random), pair.target(), pair.targetPose());
            }
            pairs.add(pair);
        }
        return pairs;
    }

    private static double evaluate(PoseNetwork network, List<PosePairs.Pair> pairs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LearnedSolver.save(network, bytes);
        try (LearnedSolver solver = LearnedSolver.load(new ByteArrayInputStream(bytes.toByteArray()), "eval")) {
            return PosePairs.learnedMpjpe(solver, pairs);
        }
    }

    /** Held-out synthetic clips: a seed no training run uses. */
    public static List<MotionClip> syntheticHeldOut(int clips, int frames) {
        Random random = new Random(-12345);
        List<MotionClip> out = new ArrayList<>();
        for (int c = 0; c < clips; c++) {
            out.add(SyntheticMotion.generate(random, frames, "held-out-" + c));
        }
        return out;
    }

}
