package dev.visionstream.models.pose;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** One track's next frame for {@link #stepAll}: its state (null for a new track) and its target joints. */
    public record Request(TrackState previous, double[][] targets, long timestampMs, Method method) {
    }

    /**
     * One request's share of {@link #stepAll}: its step, or what that request alone caused (bad input, or a failure
     * of the solvers on it), so that one bad request does not fail the others.
     */
    public record Attempt(Step step, Exception failure) {
        public Attempt {
            if (failure != null && !(failure instanceof BadPoseInputException)
                    && !(failure instanceof RuntimeException)) {
                throw new IllegalArgumentException("a step fails with bad input or a runtime exception, not "
                        + failure);
            }
        }

        static Attempt of(Step step) {
            return new Attempt(step, null);
        }

        static Attempt failed(BadPoseInputException failure) {
            return new Attempt(null, failure);
        }

        static Attempt failed(RuntimeException failure) {
            return new Attempt(null, failure);
        }

        /** The step; throws the request's own exception when it failed. */
        public Step get() throws BadPoseInputException {
            if (failure instanceof BadPoseInputException bad) {
                throw bad;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return step;
        }
    }

    /** How a checked request's step starts: the track's shape, counts and init, and which solver takes it. */
    private record Prepared(BodyShape shape, int shapeFrames, long frames, BodyPose init, String initSource,
                            boolean iterative) {
    }

    /** A request waiting for the shared learned-solver call, with the time it took so far. */
    private record LearnedStep(int index, Request request, Prepared prepared, long ownNanos) {
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
        return stepAll(List.of(new Request(previous, targets, timestampMs, method))).get(0).get();
    }

    /**
     * The steps of independent tracks, each as {@link #step} takes it alone; a track may appear once, since its next
     * step needs this one's state. The requests that reach the learned solver share one call of it: each of its
     * passes is one network pass with the requests stacked on the batch axis. Iterative solves stay one request at a
     * time, because a batched solve shares its iteration count and stopping point across the batch and would change
     * each result. When the shared call fails, its requests run again one at a time, so that a failure stays with the
     * request that caused it; a step's {@code solveMs} counts its share of the shared call.
     *
     * @return one attempt per request, in the order given
     */
    public List<Attempt> stepAll(List<Request> requests) {
        Attempt[] attempts = new Attempt[requests.size()];
        List<LearnedStep> learnedSteps = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long start = System.nanoTime();
            Request request = requests.get(i);
            try {
                Prepared prepared = prepare(request);
                if (prepared.iterative()) {
                    attempts[i] = Attempt.of(iterativeStep(request, prepared, start));
                } else {
                    learnedSteps.add(new LearnedStep(i, request, prepared, System.nanoTime() - start));
                }
            } catch (BadPoseInputException e) {
                attempts[i] = Attempt.failed(e);
            } catch (RuntimeException e) {
                attempts[i] = Attempt.failed(e);
            }
        }
        if (!learnedSteps.isEmpty()) {
            solveLearned(learnedSteps, attempts);
        }
        return List.of(attempts);
    }

    /**
     * Checks a request against its track and says how its step starts: a new track (or one silent for longer than
     * the gap limit, or the iterative method) with an iterative solve, otherwise with the learned solver.
     */
    private Prepared prepare(Request request) throws BadPoseInputException {
        double[][] targets = request.targets();
        TrackState previous = request.previous();
        if (targets.length != SmplSkeleton.JOINTS) {
            throw new BadPoseInputException("expected 24 SMPL joints, got " + targets.length);
        }
        for (double[] p : targets) {
            if (p.length != 3 || !Double.isFinite(p[0]) || !Double.isFinite(p[1]) || !Double.isFinite(p[2])) {
                throw new BadPoseInputException("non-finite or malformed joint coordinates");
            }
        }
        if (previous == null) {
            BodyShape shape = BodyShapeEstimator.estimate(targets);
            return new Prepared(shape, 1, 1, BodyShapeEstimator.alignedRest(shape, targets), "rest", true);
        }
        if (request.timestampMs() < previous.timestampMs()) {
            throw new BadPoseInputException("timestamp " + request.timestampMs() + " ms is before the track's last "
                    + "frame at " + previous.timestampMs() + " ms");
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
        boolean stale = request.timestampMs() - previous.timestampMs() > settings.maxGapMs();
        return new Prepared(shape, shapeFrames, previous.frames() + 1, previous.pose(),
                stale ? "previous-after-gap" : "previous", stale || request.method() == Method.ITERATIVE);
    }

    private Step iterativeStep(Request request, Prepared prepared, long start) {
        double[][] targets = request.targets();
        IterativeFit fit = iterative.solve(prepared.shape(), targets, prepared.init());
        return result(new TrackState(prepared.shape(), prepared.shapeFrames(), fit.pose(), request.timestampMs(),
                prepared.frames(), meanResidualMm(prepared.shape(), fit.pose(), targets)), targets, "iterative",
                prepared.initSource(), fit.iterations(), start);
    }

    /** One learned-solver call for {@code steps}, or one call each when the shared one fails. */
    private void solveLearned(List<LearnedStep> steps, Attempt[] attempts) {
        long start = System.nanoTime();
        List<BodyPose> poses;
        try {
            poses = learned.solveBatch(steps.stream().map(s -> s.prepared().shape()).toList(),
                    steps.stream().map(s -> s.prepared().init()).toList(),
                    steps.stream().map(s -> s.request().targets()).toList());
        } catch (RuntimeException e) {
            if (steps.size() == 1) {
                attempts[steps.get(0).index()] = Attempt.failed(e);
            } else {
                steps.forEach(s -> solveLearned(List.of(s), attempts));
            }
            return;
        }
        long shareNanos = (System.nanoTime() - start) / steps.size();
        for (int k = 0; k < steps.size(); k++) {
            LearnedStep s = steps.get(k);
            try {
                attempts[s.index()] = Attempt.of(learnedStep(s, poses.get(k),
                        System.nanoTime() - s.ownNanos() - shareNanos));
            } catch (RuntimeException e) {
                attempts[s.index()] = Attempt.failed(e);
            }
        }
    }

    /** The step from the learned pose, refined when it is well above what the track reached. */
    private Step learnedStep(LearnedStep s, BodyPose pose, long start) {
        BodyShape shape = s.prepared().shape();
        double[][] targets = s.request().targets();
        TrackState previous = s.request().previous();
        long timestampMs = s.request().timestampMs();
        if (settings.refines(meanResidualMm(shape, pose, targets), previous.reachableResidualMm())) {
            // the refined fit is what the track reaches now: a body the shape fits worse raises the figure, so
            // refinement does not chase error it cannot remove; a better fit lowers it again
            RefinedFit fit = refiner.refine(shape, pose, targets);
            return result(new TrackState(shape, s.prepared().shapeFrames(), fit.pose(), timestampMs,
                    s.prepared().frames(), fit.meanResidualMm()), targets, "learned-refined", "previous",
                    fit.iterations(), start);
        }
        return result(new TrackState(shape, s.prepared().shapeFrames(), pose, timestampMs, s.prepared().frames(),
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
