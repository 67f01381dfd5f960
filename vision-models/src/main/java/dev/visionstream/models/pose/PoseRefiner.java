package dev.visionstream.models.pose;

import java.util.Arrays;

/**
 * A few Levenberg–Marquardt steps from a given pose (typically the learned solver's) to target joints, on the
 * {@link IterativeSolver}'s loss ({@link RefinementResiduals}): Gauss–Newton on local axis-angle increments of the
 * 22 solved joints and the pelvis translation, with Marquardt's diagonal damping, adapted after each step by the
 * ratio of actual to predicted decrease (Nielsen's rule). The 69×69 normal equations are solved by Cholesky on plain
 * arrays: a refinement costs about a millisecond where a full Adam solve costs the better part of a second.
 * The hands stay as in the init. Not thread-safe: one instance per thread.
 */
public final class PoseRefiner {
    /**
     * @param maxIterations     cap on accepted or rejected steps
     * @param limitWeight       weight of the squared joint-limit excess (the iterative solver's)
     * @param initWeight        weight of the squared distance to the init pose (the iterative solver's)
     * @param relativeDecrease  stop once a step lowers the cost by less than this fraction
     * @param toleranceMm       stop once the RMS joint error is below this (the iterative solver's)
     */
    public record Settings(int maxIterations, double limitWeight, double initWeight, double relativeDecrease,
                           double toleranceMm) {
        public static Settings defaults() {
            IterativeSolver.Settings iterative = IterativeSolver.Settings.defaults();
            return new Settings(10, iterative.limitWeight(), iterative.initWeight(), 1e-4, iterative.toleranceMm());
        }
    }

    private static final int N = RefinementResiduals.UNKNOWNS;
    /**
     * Where each unknown sits in the normal equations: children before parents, the translation (which couples
     * everything) last. Two joints' rotations interact only along one chain, so in this order the Cholesky factor
     * gets no fill-in beyond the matrix's own pattern.
     */
    private static final int[] POSITION = eliminationOrder();
    private static final double INITIAL_DAMPING = 1e-3;

    private final Settings settings;
    private final double[] residuals = new double[RefinementResiduals.ROWS];
    private final double[] candidateResiduals = new double[RefinementResiduals.ROWS];
    private final double[][] jacobian = new double[RefinementResiduals.ROWS][N];
    private final double[] normal = new double[N * N];
    private final double[] gradient = new double[N];

    public PoseRefiner(Settings settings) {
        this.settings = settings;
    }

    public PoseRefiner() {
        this(Settings.defaults());
    }

    public RefinedFit refine(BodyShape shape, BodyPose init, double[][] targets) {
        RefinementResiduals problem = new RefinementResiduals(shape, targets, init, settings.limitWeight(),
                settings.initWeight());
        double[][] rotations = init.matrices();
        double[] translation = init.translation();
        double cost = problem.evaluate(rotations, translation, residuals, jacobian);
        normalEquations();
        double damping = INITIAL_DAMPING;
        double growth = 2;
        int iterations = 0;
        while (iterations < settings.maxIterations()) {
            iterations++;
            double[] step = dampedStep(damping);
            if (step != null) {
                double[][] candidate = applied(rotations, step);
                int t = POSITION[RefinementResiduals.TRANSLATION];
                double[] candidateTranslation = {translation[0] + step[t], translation[1] + step[t + 1],
                        translation[2] + step[t + 2]};
                double candidateCost = problem.evaluate(candidate, candidateTranslation, candidateResiduals, null);
                double predicted = predictedDecrease(step, damping);
                if (!(predicted > 1e-12 * cost)) {
                    break; // a stationary point: no step the linear model trusts can lower the cost
                }
                double ratio = (cost - candidateCost) / predicted;
                if (ratio > 0) {
                    boolean settled = cost - candidateCost < settings.relativeDecrease() * cost;
                    rotations = candidate;
                    translation = candidateTranslation;
                    damping *= Math.max(1.0 / 3, 1 - Math.pow(2 * ratio - 1, 3));
                    growth = 2;
                    if (settled || withinTolerance(candidateResiduals)) {
                        break;
                    }
                    cost = problem.evaluate(rotations, translation, residuals, jacobian);
                    normalEquations();
                    continue;
                }
            }
            // rejected (or not positive definite): damp harder, ever faster while steps keep failing
            damping *= growth;
            growth *= 2;
        }
        BodyPose pose = BodyPose.fromMatrices(rotations, translation);
        return new RefinedFit(pose, iterations,
                PoseMetrics.meanResidualMm(ForwardKinematics.joints(shape, pose), targets));
    }

    private boolean withinTolerance(double[] r) {
        double squaredCm = 0;
        for (int row = 0; row < RefinementResiduals.DATA_ROWS; row++) {
            squaredCm += r[row] * r[row];
        }
        double rmsMm = 10 * Math.sqrt(squaredCm / SmplSkeleton.JOINTS);
        return rmsMm < settings.toleranceMm();
    }

    /** JᵀJ and Jᵀr, visiting only each row's non-zero entries (a joint depends on its chain alone). */
    private void normalEquations() {
        Arrays.fill(normal, 0);
        Arrays.fill(gradient, 0);
        int[] nonZero = new int[N];
        for (int row = 0; row < RefinementResiduals.ROWS; row++) {
            double[] jr = jacobian[row];
            int count = 0;
            for (int c = 0; c < N; c++) {
                if (jr[c] != 0) {
                    nonZero[count++] = c;
                }
            }
            for (int x = 0; x < count; x++) {
                int a = nonZero[x];
                int pa = POSITION[a];
                gradient[pa] += jr[a] * residuals[row];
                normal[pa * N + pa] += jr[a] * jr[a];
                for (int y = x + 1; y < count; y++) {
                    int b = nonZero[y];
                    double product = jr[a] * jr[b];
                    normal[pa * N + POSITION[b]] += product;
                    normal[POSITION[b] * N + pa] += product;
                }
            }
        }
    }

    private static int[] eliminationOrder() {
        int[] position = new int[N];
        for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            for (int a = 0; a < 3; a++) {
                position[3 * k + a] = 3 * (SmplSkeleton.SOLVED_JOINTS - 1 - k) + a;
            }
        }
        for (int i = RefinementResiduals.TRANSLATION; i < N; i++) {
            position[i] = i;
        }
        return position;
    }

    /**
     * Solves (JᵀJ + λ·diag(JᵀJ))·h = −Jᵀr, h in elimination order; null when the damped matrix is not positive
     * definite.
     */
    private double[] dampedStep(double damping) {
        double[] a = normal.clone();
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            a[i * N + i] += damping * normal[i * N + i];
            h[i] = -gradient[i];
        }
        return Cholesky.solveInPlace(a, h, N) ? h : null;
    }

    /** The linear model's decrease ½·hᵀ(λ·diag(JᵀJ)·h − Jᵀr). */
    private double predictedDecrease(double[] h, double damping) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += h[i] * (damping * normal[i * N + i] * h[i] - gradient[i]);
        }
        return sum / 2;
    }

    private static double[][] applied(double[][] rotations, double[] step) {
        double[][] next = rotations.clone();
        for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            double[] delta = {step[POSITION[3 * k]], step[POSITION[3 * k + 1]], step[POSITION[3 * k + 2]]};
            next[k] = Rotations.multiply(rotations[k], Rotations.fromAxisAngle(delta));
        }
        return next;
    }
}
