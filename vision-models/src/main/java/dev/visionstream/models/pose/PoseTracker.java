package dev.visionstream.models.pose;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One solving step of a tracked person, the logic shared by the stream stage, the CLI and library users: a new
 * track (or one silent for longer than the gap limit) gets an iterative solve (from the rest pose turned to face
 * like the target, or from its last pose after a gap); after that the learned solver runs from the previous
 * pose, and when its mean joint residual is well above what the track's last full or refined fit reached, a few
 * Levenberg–Marquardt steps ({@link PoseRefiner}) refine it from there ({@code learned-refined}). The shape is the
 * mean over the first frames, then fixed. Bad input throws and the caller resets the track.
 * Holds one solver of each kind: one tracker per thread.
 */
public final class PoseTracker implements AutoCloseable {
    /** Which solver follows the first frame. */
    public enum Method { LEARNED, ITERATIVE }

    /**
     * @param maxGapMs      a longer silence restarts from an iterative solve
     * @param maxBoneChange a bone whose length differs by more than this fraction from the track's shape is refused
     * @param shapeFrames   frames averaged into the shape before it is fixed
     * @param refineMarginMm a learned pose whose mean joint residual exceeds the track's reachable residual by more
     *                       than this is refined from the learned pose (bounds drift when the network meets inits
     *                       unlike its training data, without refining the error no solver can remove, such as a
     *                       skeleton the shape does not reproduce, which a fixed threshold would refine on every
     *                       frame); infinity turns refinement off
     */
    public record Settings(long maxGapMs, double maxBoneChange, int shapeFrames, double refineMarginMm) {
        public static Settings defaults() {
            return new Settings(1000, 0.3, 5, DEFAULT_MARGIN_MM);
        }

        /** The defaults with the learned solver alone after the first frame (no refinement). */
        public static Settings withoutRefinement() {
            return new Settings(1000, 0.3, 5, Double.POSITIVE_INFINITY);
        }

        /** The same settings with another refinement margin. */
        public Settings withMargin(double marginMm) {
            return new Settings(maxGapMs, maxBoneChange, shapeFrames, marginMm);
        }

        boolean refines(double learnedResidualMm, double reachableResidualMm) {
            return learnedResidualMm > reachableResidualMm + refineMarginMm;
        }
    }

    /**
     * Chosen on the validation part of 01_01 (70–80 %, never trained on), replayed at gap 9 from every offset with the
     * built-in weights: a 5 mm margin refined 16 of 60 frames (7.6 mm MPJPE), 8 mm and more none (9.8 mm); the
     * network alone drifts on inits unlike its training data, and 8 mm above what the track reached is where that
     * starts rather than ordinary network error. A refinement costs about a millisecond.
     */
    private static final double DEFAULT_MARGIN_MM = 8.0;

    /** The result of one step: the next state, the pose and how it was found. */
    public record Step(TrackState state, BodyPose pose, double[][] fittedJoints, double[] residualsMm,
                       String method, String initSource, Integer iterations, double solveMs) {
    }

    private static final double MIN_CHECKED_BONE = 0.03;

    private final Settings settings;
    private final LearnedSolver learned;
    private final IterativeSolver iterative;
    private final PoseRefiner refiner = new PoseRefiner();

    public PoseTracker(Settings settings, LearnedSolver learned, IterativeSolver iterative) {
        this.settings = settings;
        this.learned = learned;
        this.iterative = iterative;
    }

    /** Default settings, the iterative solver and the built-in learned weights. */
    public static PoseTracker withDefaults() {
        return withDefaults(Settings.defaults());
    }

    /** As {@link #withDefaults()}, with other tracker settings. */
    public static PoseTracker withDefaults(Settings settings) {
        return open(settings, null);
    }

    /**
     * The tracker with {@code settings}, the iterative solver, and the learned weights in {@code weights} (a file
     * written by {@code vision pose train --out}), or the built-in ones when null.
     *
     * @throws IllegalArgumentException naming the file when it cannot be loaded
     */
    public static PoseTracker open(Settings settings, Path weights) {
        return open(settings, weights, Device.cpu());
    }

    /** As {@link #open(Settings, Path)}, with the learned solver on {@code device}. */
    public static PoseTracker open(Settings settings, Path weights, Device device) {
        LearnedSolver learned;
        try {
            learned = weights == null ? LearnedSolver.loadDefault(device) : LearnedSolver.load(weights, device);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load the pose weights " + weights + ": " + e.getMessage(), e);
        }
        return new PoseTracker(settings, learned, new IterativeSolver());
    }

    public LearnedSolver learned() {
        return learned;
    }

    public Step step(TrackState previous, double[][] targets, long timestampMs, Method method)
            throws BadPoseInputException {
        if (targets.length != SmplSkeleton.JOINTS) {
            throw new BadPoseInputException("expected 24 SMPL joints, got " + targets.length);
        }
        for (double[] p : targets) {
            if (p.length != 3 || !Double.isFinite(p[0]) || !Double.isFinite(p[1]) || !Double.isFinite(p[2])) {
                throw new BadPoseInputException("non-finite or malformed joint coordinates");
            }
        }
        long start = System.nanoTime();
        if (previous == null) {
            BodyShape shape = BodyShapeEstimator.estimate(targets);
            IterativeFit fit = iterative.solve(shape, targets, BodyShapeEstimator.alignedRest(shape, targets));
            return result(new TrackState(shape, 1, fit.pose(), timestampMs, 1,
                    meanResidualMm(shape, fit.pose(), targets)), targets, "iterative", "rest", fit.iterations(), start);
        }
        if (timestampMs < previous.timestampMs()) {
            throw new BadPoseInputException("timestamp " + timestampMs + " ms is before the track's last frame at "
                    + previous.timestampMs() + " ms");
        }
        double change = BodyShapeEstimator.maxBoneChange(previous.shape(), targets, MIN_CHECKED_BONE);
        if (change > settings.maxBoneChange()) {
            throw new BadPoseInputException(String.format(Locale.ROOT,
                    "bone lengths jumped by %.0f %% (limit %.0f %%)", 100 * change, 100 * settings.maxBoneChange()));
        }
        BodyShape shape = previous.shape();
        int shapeFrames = previous.shapeFrames();
        if (shapeFrames < settings.shapeFrames()) {
            shape = shape.averagedWith(BodyShapeEstimator.estimate(targets), shapeFrames);
            shapeFrames++;
        }
        long frames = previous.frames() + 1;
        boolean stale = timestampMs - previous.timestampMs() > settings.maxGapMs();
        if (stale || method == Method.ITERATIVE) {
            IterativeFit fit = iterative.solve(shape, targets, previous.pose());
            return result(new TrackState(shape, shapeFrames, fit.pose(), timestampMs, frames,
                    meanResidualMm(shape, fit.pose(), targets)), targets, "iterative",
                    stale ? "previous-after-gap" : "previous", fit.iterations(), start);
        }
        BodyPose pose = learned.solve(shape, previous.pose(), targets);
        if (settings.refines(meanResidualMm(shape, pose, targets), previous.reachableResidualMm())) {
            // the refined fit is what the track reaches now: a body the shape fits worse raises the figure, so
            // refinement does not chase error it cannot remove; a better fit lowers it again
            RefinedFit fit = refiner.refine(shape, pose, targets);
            return result(new TrackState(shape, shapeFrames, fit.pose(), timestampMs, frames, fit.meanResidualMm()),
                    targets, "learned-refined", "previous", fit.iterations(), start);
        }
        return result(new TrackState(shape, shapeFrames, pose, timestampMs, frames,
                previous.reachableResidualMm()), targets, "learned", "previous", null, start);
    }

    private static double meanResidualMm(BodyShape shape, BodyPose pose, double[][] targets) {
        return PoseMetrics.meanResidualMm(ForwardKinematics.joints(shape, pose), targets);
    }

    private static Step result(TrackState state, double[][] targets, String method, String initSource,
                               Integer iterations, long start) {
        double ms = (System.nanoTime() - start) / 1e6;
        double[][] fitted = ForwardKinematics.joints(state.shape(), state.pose());
        return new Step(state, state.pose(), fitted, PoseMetrics.residualsMm(fitted, targets), method, initSource,
                iterations, ms);
    }

    @Override
    public void close() {
        learned.close();
        iterative.close();
    }
}
