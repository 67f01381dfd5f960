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
import java.util.Locale;
import java.util.Random;

/**
 * Trains the learned solver on CPU with DJL, aimed at chained use: synthetic clips (independent joint waves,
 * {@link SyntheticMotion}, and coordinated actions, {@link ActionMotion}) plus any real clips given. A share of each
 * batch comes from {@link RolloutTracks}, whose init is the network's own previous solution (no gradient through it);
 * the rest are the paper's pairs ({@link PosePairs#random}), optionally with init noise ({@link InitNoise}). Each
 * target is solved in {@code passes} passes, each from the previous pass's pose with a loss on every pass, so that
 * applying the network again converges instead of drifting. Loss per pass: 5·mean joint distance (metres, pelvis on
 * the target pelvis) + mean squared Frobenius distance of the predicted to the target local rotations (the chordal
 * form of the paper's geodesic pose loss). AdamW with weight decay 0.1 and a per-step cosine schedule.
 * Features are standardised with statistics fitted on training pairs before the first step. Every evaluation keeps
 * the weights with the best chained error on the validation clips (the mean of gaps 9 and 1, each frame counted
 * at most {@link #SCORE_CAP_MM}; synthetic gap 9 when there are none).
 * Deterministic for a seed.
 */
public final class PoseTrainer {
    /** Training settings; {@link #defaults()} are what produced the committed weights. */
    public record Settings(long seed, int steps, int batch, double learningRate,
                           PoseNetwork.Architecture architecture, int hidden, int layers, int syntheticClips,
                           int actionClips, int clipFrames, int evalEvery, double rolloutShare, int rolloutLength,
                           int passes, double noisyShare, double initNoiseDegrees) {
        public static Settings defaults() {
            return new Settings(7, 10000, 256, 1e-3, PoseNetwork.Architecture.MLP, 768, 3, 1000, 1000, 60, 250,
                    0.5, 30, 3, 0.2, 4.0);
        }
    }

    /** Progress: the step just done, the total, the last loss, and a log line when there is one (else null). */
    public interface Progress {
        void update(int step, int total, double loss, String logLine);
    }

    private static final int SCALING_PAIRS = 8192;
    /** A chained frame this far off is lost either way (the stage refines it); beyond it the size is noise. */
    private static final double SCORE_CAP_MM = 100;

    private final Settings settings;

    public PoseTrainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * Trains and writes the best weights to {@code out}; returns the evaluation line of the kept weights.
     *
     * @param extraClips real motion for training
     * @param validation real motion kept out of training, chained at gap 9 to choose the weights
     */
    public String train(List<MotionClip> extraClips, List<MotionClip> validation, OutputStream out,
                        Progress progress) throws IOException {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());
        Random random = new Random(settings.seed());
        List<MotionClip> clips = new ArrayList<>();
        for (int c = 0; c < settings.syntheticClips(); c++) {
            clips.add(SyntheticMotion.generate(random, settings.clipFrames(), "synthetic-" + c));
        }
        for (int c = 0; c < settings.actionClips(); c++) {
            clips.add(ActionMotion.generate(random, settings.clipFrames(), "action-" + c));
        }
        clips.addAll(extraClips);
        List<MotionClip> heldOut = syntheticHeldOut(16, 60);
        List<PosePairs.Pair> gap1 = PosePairs.fixedGap(heldOut, 1, 3);
        List<PosePairs.Pair> gap9 = PosePairs.fixedGap(heldOut, 9, 3);
        FeatureScaling scaling = fitScaling(clips, random);
        int rollouts = (int) Math.round(settings.rolloutShare() * settings.batch());
        RolloutTracks tracks = new RolloutTracks(rollouts, settings.rolloutLength());
        byte[] best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        String bestLine = "";
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
                double loss = step(network, store, optimizer, manager, scaling, clips, tracks, random);
                String line = null;
                if (step % settings.evalEvery() == 0 || step == settings.steps()) {
                    byte[] weights = weights(network, scaling);
                    try (LearnedSolver solver = LearnedSolver.load(new ByteArrayInputStream(weights), "eval")) {
                        double g1 = PosePairs.learnedMpjpe(solver, gap1);
                        double g9 = PosePairs.learnedMpjpe(solver, gap9);
                        double chained9 = validation.isEmpty() ? Double.NaN
                                : ChainedValidation.mpjpeMm(solver, validation, 9);
                        double chained1 = validation.isEmpty() ? Double.NaN
                                : ChainedValidation.mpjpeMm(solver, validation, 1);
                        // gap 9 is the target; gap 1 (every frame of a 30 fps stream) is where drift shows most
                        double score = validation.isEmpty() ? g9
                                : (ChainedValidation.mpjpeMm(solver, validation, 9, SCORE_CAP_MM)
                                + ChainedValidation.mpjpeMm(solver, validation, 1, SCORE_CAP_MM)) / 2;
                        line = String.format(Locale.ROOT, "step %d loss %.4f synthetic held-out MPJPE gap1 "
                                + "%.2f mm gap9 %.2f mm; validation chained gap9 %.2f mm gap1 %.2f mm, score (frames "
                                + "capped at %.0f mm) %.2f mm", step, loss, g1, g9, chained9, chained1, SCORE_CAP_MM,
                                score);
                        if (score < bestScore) {
                            bestScore = score;
                            best = weights;
                            bestLine = line;
                            line += " (best so far)";
                        }
                    }
                }
                progress.update(step, settings.steps(), loss, line);
            }
        }
        out.write(best);
        out.flush();
        return bestLine;
    }

    /** Feature statistics over plain training pairs, as the network will see them at its first pass. */
    private static FeatureScaling fitScaling(List<MotionClip> clips, Random random) {
        float[] features = new float[SCALING_PAIRS * PoseFeatures.SIZE];
        for (int i = 0; i < SCALING_PAIRS; i++) {
            PosePairs.Pair pair = PosePairs.random(clips, random);
            PoseFeatures.write(pair.shape(), pair.init(), pair.target(), features, i * PoseFeatures.SIZE);
        }
        return FeatureScaling.fit(features, SCALING_PAIRS);
    }

    private double step(PoseNetwork network, ParameterStore store, Optimizer optimizer, NDManager manager,
                        FeatureScaling scaling, List<MotionClip> clips, RolloutTracks tracks, Random random) {
        int batch = settings.batch();
        List<PosePairs.Pair> pairs = new ArrayList<>(tracks.next(clips, random));
        while (pairs.size() < batch) {
            PosePairs.Pair pair = PosePairs.random(clips, random);
            if (random.nextDouble() < settings.noisyShare()) {
                pair = new PosePairs.Pair(pair.shape(), InitNoise.perturb(pair.init(), settings.initNoiseDegrees(),
                        random), pair.target(), pair.targetPose());
            }
            pairs.add(pair);
        }
        List<BodyShape> shapes = pairs.stream().map(PosePairs.Pair::shape).toList();
        List<double[][]> targets = pairs.stream().map(PosePairs.Pair::target).toList();
        float[] targetRot = new float[batch * SmplSkeleton.SOLVED_JOINTS * 9];
        for (int b = 0; b < batch; b++) {
            double[][] rt = pairs.get(b).targetPose().matrices();
            for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
                for (int i = 0; i < 9; i++) {
                    targetRot[(b * SmplSkeleton.SOLVED_JOINTS + k) * 9 + i] = (float) rt[k][i];
                }
            }
        }
        float[] target = PoseArrays.joints(targets);
        float[] pelvis = new float[batch * 3];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(target, b * SmplSkeleton.JOINTS * 3, pelvis, b * 3, 3);
        }
        List<BodyPose> current = pairs.stream().map(PosePairs.Pair::init).toList();
        try (NDManager scope = manager.newSubManager()) {
            NDArray rTarget = scope.create(targetRot, new Shape(batch, SmplSkeleton.SOLVED_JOINTS, 3, 3));
            NDArray offsets = scope.create(PoseArrays.offsets(shapes), new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray goal = scope.create(target, new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray translation = scope.create(pelvis, new Shape(batch, 3));
            double value;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = null;
                for (int pass = 0; pass < settings.passes(); pass++) {
                    NDArray x = scope.create(LearnedSolver.features(shapes, current, targets, scaling),
                            new Shape(batch, PoseFeatures.SIZE));
                    NDArray rInit = scope.create(PoseArrays.rotations(current),
                            new Shape(batch, SmplSkeleton.JOINTS, 3, 3));
                    NDArray rotations = PoseNetwork.compose(rInit, network.residuals(store, x, true));
                    NDArray joints = BatchedKinematics.joints(rotations, offsets, translation);
                    NDArray jointLoss = joints.sub(goal).square().sum(new int[] {2}).add(1e-12f).sqrt().mean();
                    NDArray poseLoss = rotations.get(":, 0:" + SmplSkeleton.SOLVED_JOINTS).sub(rTarget).square()
                            .sum(new int[] {2, 3}).mean();
                    NDArray passLoss = jointLoss.mul(GraphScalar.of(jointLoss, 5f)).add(poseLoss);
                    loss = loss == null ? passLoss : loss.add(passLoss);
                    current = PoseArrays.posesFromRotations(rotations.toFloatArray(), targets);
                }
                collector.backward(loss);
                value = loss.getFloat() / settings.passes();
            }
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                NDArray weight = p.getValue().getArray();
                optimizer.update(p.getValue().getId(), weight, weight.getGradient());
            }
            tracks.advance(current.subList(0, tracks.size()));
            return value;
        }
    }

    private byte[] weights(PoseNetwork network, FeatureScaling scaling) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LearnedSolver.save(network, scaling, settings.passes(), bytes);
        return bytes.toByteArray();
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
