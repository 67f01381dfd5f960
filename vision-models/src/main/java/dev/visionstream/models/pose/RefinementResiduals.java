package dev.visionstream.models.pose;

import java.util.Arrays;

/**
 * The least-squares problem {@link PoseRefiner} minimises, written as residual rows so that its cost is the
 * {@link IterativeSolver}'s loss: the 24 joint position errors in cm, the pull of each solved joint's axis-angle
 * towards the init (the root's at a tenth, as the iterative solver masks it), and the excess of each body joint's
 * axis-angle over {@link JointLimits} (zero rows while inside). The unknowns are local increments δ_k of the 22
 * solved joints, R_k ← R_k·exp([δ_k]), then the pelvis translation; the analytic Jacobian is evaluated at δ = 0.
 */
final class RefinementResiduals {
    static final int TRANSLATION = SmplSkeleton.SOLVED_JOINTS * 3;
    static final int UNKNOWNS = TRANSLATION + 3;
    static final int DATA_ROWS = SmplSkeleton.JOINTS * 3;
    private static final int PULL_ROWS = SmplSkeleton.SOLVED_JOINTS * 3;
    static final int ROWS = DATA_ROWS + PULL_ROWS + (SmplSkeleton.SOLVED_JOINTS - 1) * 3;
    private static final double CM_PER_M = 100;
    private static final double ROOT_PULL = 0.1;

    private final double[][] offsets;
    private final double[][] targets;
    private final double[][] initAxisAngles;
    private final double limitScale;
    private final double pullScale;

    RefinementResiduals(BodyShape shape, double[][] targets, BodyPose init, double limitWeight, double initWeight) {
        this.offsets = shape.offsets();
        this.targets = BodyShape.copy(targets);
        this.initAxisAngles = init.axisAngles();
        this.limitScale = Math.sqrt(limitWeight);
        this.pullScale = Math.sqrt(initWeight);
    }

    /**
     * Fills {@code r} (length {@link #ROWS}) and, when {@code jacobian} is not null, the Jacobian
     * ({@link #ROWS}×{@link #UNKNOWNS}, every entry written) at local rotations (24 row-major 3×3) and translation;
     * returns the cost ½|r|².
     */
    double evaluate(double[][] rotations, double[] translation, double[] r, double[][] jacobian) {
        double[][] global = new double[SmplSkeleton.JOINTS][];
        double[][] p = new double[SmplSkeleton.JOINTS][];
        global[0] = rotations[0];
        p[0] = translation;
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            int parent = SmplSkeleton.parent(k);
            global[k] = Rotations.multiply(global[parent], rotations[k]);
            double[] d = Rotations.apply(global[parent], offsets[k]);
            p[k] = new double[] {p[parent][0] + d[0], p[parent][1] + d[1], p[parent][2] + d[2]};
        }
        if (jacobian != null) {
            for (double[] row : jacobian) {
                Arrays.fill(row, 0);
            }
        }
        for (int j = 0; j < SmplSkeleton.JOINTS; j++) {
            for (int i = 0; i < 3; i++) {
                r[3 * j + i] = CM_PER_M * (p[j][i] - targets[j][i]);
            }
            if (jacobian != null) {
                dataRows(jacobian, j, global, p);
            }
        }
        for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            double[] theta = Rotations.toAxisAngle(rotations[k]);
            double[] inverseJacobian = inverseRightJacobian(theta);
            double pull = pullScale * (k == SmplSkeleton.PELVIS ? ROOT_PULL : 1);
            for (int i = 0; i < 3; i++) {
                int row = DATA_ROWS + 3 * k + i;
                r[row] = pull * (theta[i] - initAxisAngles[k][i]);
                if (jacobian != null) {
                    for (int c = 0; c < 3; c++) {
                        jacobian[row][3 * k + c] = pull * inverseJacobian[3 * i + c];
                    }
                }
            }
            if (k == SmplSkeleton.PELVIS) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                int row = DATA_ROWS + PULL_ROWS + 3 * (k - 1) + i;
                double over = theta[i] - JointLimits.max(k, i);
                double under = JointLimits.min(k, i) - theta[i];
                double sign = over > 0 ? 1 : under > 0 ? -1 : 0;
                r[row] = limitScale * Math.max(0, Math.max(over, under));
                if (jacobian != null) {
                    for (int c = 0; c < 3; c++) {
                        jacobian[row][3 * k + c] = sign * limitScale * inverseJacobian[3 * i + c];
                    }
                }
            }
        }
        double cost = 0;
        for (double v : r) {
            cost += v * v;
        }
        return cost / 2;
    }

    /**
     * A turn δ about local axis e_a of an ancestor k turns everything below k about the world axis G_k·e_a through
     * p_k, so d p_j / d δ_a = (G_k e_a) × (p_j − p_k); the translation moves every joint alike.
     */
    private static void dataRows(double[][] jacobian, int j, double[][] global, double[][] p) {
        for (int i = 0; i < 3; i++) {
            jacobian[3 * j + i][TRANSLATION + i] = CM_PER_M;
        }
        for (int k = SmplSkeleton.parent(j); k >= 0; k = SmplSkeleton.parent(k)) {
            if (k >= SmplSkeleton.SOLVED_JOINTS) {
                continue;
            }
            double[] lever = Rotations.sub(p[j], p[k]);
            for (int a = 0; a < 3; a++) {
                double[] axis = {global[k][a], global[k][3 + a], global[k][6 + a]};
                double[] column = Rotations.cross(axis, lever);
                for (int i = 0; i < 3; i++) {
                    jacobian[3 * j + i][3 * k + a] = CM_PER_M * column[i];
                }
            }
        }
    }

    /**
     * d log(exp([θ])·exp([δ])) / dδ at δ = 0: the inverse right Jacobian of SO(3),
     * I + ½[θ]× + (1/φ² − (1 + cos φ) / (2φ sin φ))·[θ]×², φ = |θ| (row-major 3×3).
     */
    static double[] inverseRightJacobian(double[] theta) {
        double angle = Rotations.norm(theta);
        double c = angle < 1e-4 ? 1.0 / 12 + angle * angle / 720
                : 1 / (angle * angle) - (1 + Math.cos(angle)) / Math.max(2 * angle * Math.sin(angle), 1e-12);
        double[] k = {0, -theta[2], theta[1], theta[2], 0, -theta[0], -theta[1], theta[0], 0};
        double[] k2 = Rotations.multiply(k, k);
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = (i % 4 == 0 ? 1 : 0) + 0.5 * k[i] + c * k2[i];
        }
        return m;
    }
}
