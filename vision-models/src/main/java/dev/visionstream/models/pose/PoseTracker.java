package dev.visionstream.models.pose;

/**
 * One solving step of a tracked person, the logic shared by the stream stage, the CLI and library users: a new
 * track (or one silent for longer than the gap limit) gets an iterative solve (from the rest pose turned to face
 * like the target, or from its last pose after a gap); after that the learned solver runs from the previous
 * pose, and when its mean joint residual stays above a threshold the iterative solver refines it from there
 * ({@code learned-refined}). The shape is the mean over the first frames, then fixed. Bad input throws and the caller resets the track.
 * Holds one solver of each kind: one tracker per thread.
 */
public final class PoseTracker implements AutoCloseable {
    /** Which solver follows the first frame. */
    public enum Method { LEARNED, ITERATIVE }

    /**
     * @param maxGapMs      a longer silence restarts from an iterative solve
     * @param maxBoneChange a bone whose length differs by more than this fraction from the track's shape is refused
     * @param shapeFrames   frames averaged into the shape before it is fixed
     * @param refineAboveMm a learned pose whose mean joint residual exceeds this is refined by the iterative solver
     *                      from the learned pose (bounds drift when the network meets inits unlike its training
     *                      data); infinity turns refinement off
     */
    public record Settings(long maxGapMs, double maxBoneChange, int shapeFrames, double refineAboveMm) {
        public static Settings defaults() {
            return new Settings(1000, 0.3, 5, 15.0);
        }
    }

    /** The result of one step: the next state, the pose and how it was found. */
    public record Step(TrackState state, BodyPose pose, double[][] fittedJoints, double[] residualsMm,
                       String method, String initSource, Integer iterations, double solveMs) {
    }

    private static final double MIN_CHECKED_BONE = 0.03;

    private final Settings settings;
    private final LearnedSolver learned;
    private final IterativeSolver iterative;

    public PoseTracker(Settings settings, LearnedSolver learned, IterativeSolver iterative) {
        this.settings = settings;
        this.learned = learned;
        this.iterative = iterative;
    }

    /**
     * Default settings, the iterative solver, and the learned weights from {@code VISION_POSE_WEIGHTS} (a file
     * written by {@code vision pose train --out}) when set, else the built-in ones.
     */
    public static PoseTracker withDefaults() {
        String file = System.getenv("VISION_POSE_WEIGHTS");
        LearnedSolver learned;
        try {
            learned = file == null || file.isBlank() ? LearnedSolver.loadDefault()
                    : LearnedSolver.load(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot load VISION_POSE_WEIGHTS=" + file + ": " + e.getMessage(), e);
        }
        return new PoseTracker(Settings.defaults(), learned, new IterativeSolver());
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
            return result(new TrackState(shape, 1, fit.pose(), timestampMs, 1), targets, "iterative", "rest",
                    fit.iterations(), start);
        }
        if (timestampMs < previous.timestampMs()) {
            throw new BadPoseInputException("timestamp " + timestampMs + " ms is before the track's last frame at "
                    + previous.timestampMs() + " ms");
        }
        double change = BodyShapeEstimator.maxBoneChange(previous.shape(), targets, MIN_CHECKED_BONE);
        if (change > settings.maxBoneChange()) {
            throw new BadPoseInputException(String.format(java.util.Locale.ROOT,
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
            return result(new TrackState(shape, shapeFrames, fit.pose(), timestampMs, frames), targets, "iterative",
                    stale ? "previous-after-gap" : "previous", fit.iterations(), start);
        }
        BodyPose pose = learned.solve(shape, previous.pose(), targets);
        double[] residuals = PoseMetrics.residualsMm(ForwardKinematics.joints(shape, pose), targets);
        if (java.util.Arrays.stream(residuals).average().orElse(0) > settings.refineAboveMm()) {
            IterativeFit fit = iterative.solve(shape, targets, pose);
            return result(new TrackState(shape, shapeFrames, fit.pose(), timestampMs, frames), targets,
                    "learned-refined", "previous", fit.iterations(), start);
        }
        return result(new TrackState(shape, shapeFrames, pose, timestampMs, frames), targets, "learned", "previous",
                null, start);
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
