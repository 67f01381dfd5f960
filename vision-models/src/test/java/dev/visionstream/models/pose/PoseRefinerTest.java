package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseRefinerTest {
    /** Synthetic held-out problems: a clip's pose with every solved joint turned 5–10°, the clip's joints as target. */
    private record Problem(BodyShape shape, BodyPose init, double[][] target) {
        static List<Problem> perturbedHeldOut(int count, long seed) {
            Random random = new Random(seed);
            List<Problem> problems = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                MotionClip clip = SyntheticMotion.generate(random, 40, "held-out-" + c);
                int t = random.nextInt(clip.frames());
                problems.add(new Problem(clip.shape(), turnedEveryJoint(clip.poses().get(t), random),
                        clip.joints().get(t)));
            }
            return problems;
        }

        double initMpjpe() {
            return PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(shape, init), target);
        }

        double mpjpe(BodyPose pose) {
            return PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(shape, pose), target);
        }
    }

    private static BodyPose turnedEveryJoint(BodyPose pose, Random random) {
        double[][] rotations = pose.matrices();
        for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            double[] axis = Rotations.normalize(new double[] {random.nextGaussian(), random.nextGaussian(),
                    random.nextGaussian()});
            double angle = Math.toRadians(5 + 5 * random.nextDouble());
            rotations[k] = Rotations.multiply(rotations[k],
                    Rotations.fromAxisAngle(new double[] {axis[0] * angle, axis[1] * angle, axis[2] * angle}));
        }
        return BodyPose.fromMatrices(rotations, pose.translation());
    }

    @Test
    void analyticJacobianMatchesFiniteDifferences() {
        Problem problem = Problem.perturbedHeldOut(1, 7).get(0);
        // a pose away from the target and partly outside the joint limits, so every kind of row is non-zero
        BodyPose at = turnedEveryJoint(turnedEveryJoint(problem.init(), new Random(8)), new Random(9));
        RefinementResiduals residuals = new RefinementResiduals(problem.shape(), problem.target(), problem.init(),
                10.0, 1e-3);
        double[][] rotations = at.matrices();
        double[] translation = at.translation();
        double[] r = new double[RefinementResiduals.ROWS];
        double[][] jacobian = new double[RefinementResiduals.ROWS][RefinementResiduals.UNKNOWNS];
        residuals.evaluate(rotations, translation, r, jacobian);
        assertTrue(JointLimits.violation(at) > 0, "the test pose should exceed some limit");
        double h = 1e-6;
        double worst = 0;
        for (int u = 0; u < RefinementResiduals.UNKNOWNS; u++) {
            double[] plus = new double[RefinementResiduals.ROWS];
            double[] minus = new double[RefinementResiduals.ROWS];
            residuals.evaluate(nudged(rotations, u, h), nudged(translation, u, h), plus, null);
            residuals.evaluate(nudged(rotations, u, -h), nudged(translation, u, -h), minus, null);
            for (int row = 0; row < RefinementResiduals.ROWS; row++) {
                double numeric = (plus[row] - minus[row]) / (2 * h);
                double error = Math.abs(numeric - jacobian[row][u]);
                worst = Math.max(worst, error / Math.max(1, Math.abs(numeric)));
                assertEquals(numeric, jacobian[row][u], 1e-4 * Math.max(1, Math.abs(numeric)),
                        "row " + row + " unknown " + u);
            }
        }
        System.out.printf("refiner Jacobian: worst relative difference to finite differences %.2e%n", worst);
    }

    private static double[][] nudged(double[][] rotations, int unknown, double h) {
        double[][] next = rotations.clone();
        if (unknown < RefinementResiduals.TRANSLATION) {
            int k = unknown / 3;
            double[] delta = new double[3];
            delta[unknown % 3] = h;
            next[k] = Rotations.multiply(rotations[k], Rotations.fromAxisAngle(delta));
        }
        return next;
    }

    private static double[] nudged(double[] translation, int unknown, double h) {
        double[] next = translation.clone();
        if (unknown >= RefinementResiduals.TRANSLATION) {
            next[unknown - RefinementResiduals.TRANSLATION] += h;
        }
        return next;
    }

    @Test
    void reachesTheIterativeSolversAccuracyFromPerturbedPosesWithinItsLimits() {
        List<Problem> problems = Problem.perturbedHeldOut(16, 2025);
        PoseRefiner refiner = new PoseRefiner();
        double before = 0;
        double refined = 0;
        double iterative = 0;
        double refinedViolation = 0;
        double iterativeViolation = 0;
        double truthViolation = 0;
        int iterations = 0;
        try (IterativeSolver solver = new IterativeSolver()) {
            for (Problem p : problems) {
                RefinedFit fit = refiner.refine(p.shape(), p.init(), p.target());
                BodyPose baseline = solver.solve(p.shape(), p.target(), p.init()).pose();
                before += p.initMpjpe();
                refined += p.mpjpe(fit.pose());
                iterative += p.mpjpe(baseline);
                refinedViolation += JointLimits.violation(fit.pose());
                iterativeViolation += JointLimits.violation(baseline);
                truthViolation += JointLimits.violation(p.init());
                iterations += fit.iterations();
                assertEquals(fit.meanResidualMm(), Arrays.stream(PoseMetrics.residualsMm(
                        ForwardKinematics.joints(p.shape(), fit.pose()), p.target())).average().orElseThrow(), 1e-9);
            }
        }
        int n = problems.size();
        System.out.printf("refiner: init %.1f mm -> %.2f mm in %.1f iterations (iterative solver %.2f mm); limit "
                        + "excess %.4f rad² (iterative %.4f, init %.4f)%n", before / n, refined / n,
                (double) iterations / n, iterative / n, refinedViolation / n, iterativeViolation / n,
                truthViolation / n);
        assertTrue(refined / n < 1.0, "refined MPJPE " + refined / n + " mm");
        assertTrue(refinedViolation <= 2 * iterativeViolation + 1e-3 * n,
                "limit excess " + refinedViolation / n + " rad² against the iterative solver's "
                + iterativeViolation / n);
    }

    @Test
    void benchmarkPrintsTheTimePerRefinement() {
        List<Problem> problems = Problem.perturbedHeldOut(32, 99);
        PoseRefiner refiner = new PoseRefiner();
        for (int warm = 0; warm < 200; warm++) {
            Problem p = problems.get(warm % problems.size());
            refiner.refine(p.shape(), p.init(), p.target());
        }
        int runs = 500;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            Problem p = problems.get(i % problems.size());
            refiner.refine(p.shape(), p.init(), p.target());
        }
        System.out.printf("refiner: %.3f ms per refinement (batch 1, after warm-up)%n",
                (System.nanoTime() - start) / 1e6 / runs);
    }
}
