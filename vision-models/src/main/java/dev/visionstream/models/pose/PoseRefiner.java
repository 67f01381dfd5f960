package dev.visionstream.models.pose;

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
     */
    public record Settings(int maxIterations, double limitWeight, double initWeight, double relativeDecrease) {
        public static Settings defaults() {
            IterativeSolver.Settings iterative = IterativeSolver.Settings.defaults();
            return new Settings(10, iterative.limitWeight(), iterative.initWeight(), 1e-4);
        }
    }

    private static final int N = RefinementResiduals.UNKNOWNS;
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
            if (step == null) {
                damping *= growth;
                growth *= 2;
                continue;
            }
            double[][] candidate = applied(rotations, step);
            double[] candidateTranslation = {translation[0] + step[RefinementResiduals.TRANSLATION],
                    translation[1] + step[RefinementResiduals.TRANSLATION + 1],
                    translation[2] + step[RefinementResiduals.TRANSLATION + 2]};
            double candidateCost = problem.evaluate(candidate, candidateTranslation, candidateResiduals, null);
            double predicted = predictedDecrease(step, damping);
            if (!(predicted > 1e-12 * cost)) {
                break; // a stationary point: no step the linear model trusts can lower the cost
            }
            double ratio = (cost - candidateCost) / predicted;
            if (ratio <= 0) {
                damping *= growth;
                growth *= 2;
                continue;
            }
            boolean settled = cost - candidateCost < settings.relativeDecrease() * cost;
            rotations = candidate;
            translation = candidateTranslation;
            damping *= Math.max(1.0 / 3, 1 - Math.pow(2 * ratio - 1, 3));
            growth = 2;
            if (settled) {
                break;
            }
            cost = problem.evaluate(rotations, translation, residuals, jacobian);
            normalEquations();
        }
        BodyPose pose = BodyPose.fromMatrices(rotations, translation);
        double[] residualsMm = PoseMetrics.residualsMm(ForwardKinematics.joints(shape, pose), targets);
        return new RefinedFit(pose, iterations, java.util.Arrays.stream(residualsMm).average().orElse(0));
    }

    /** JᵀJ and Jᵀr, visiting only each row's non-zero entries (a joint depends on its chain alone). */
    private void normalEquations() {
        java.util.Arrays.fill(normal, 0);
        java.util.Arrays.fill(gradient, 0);
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
                gradient[a] += jr[a] * residuals[row];
                for (int y = x; y < count; y++) {
                    int b = nonZero[y];
                    normal[a * N + b] += jr[a] * jr[b];
                }
            }
        }
        for (int a = 0; a < N; a++) {
            for (int b = a + 1; b < N; b++) {
                normal[b * N + a] = normal[a * N + b];
            }
        }
    }

    /** Solves (JᵀJ + λ·diag(JᵀJ))·h = −Jᵀr; null when the damped matrix is not positive definite. */
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
            double[] delta = {step[3 * k], step[3 * k + 1], step[3 * k + 2]};
            next[k] = Rotations.multiply(rotations[k], Rotations.fromAxisAngle(delta));
        }
        return next;
    }
}
