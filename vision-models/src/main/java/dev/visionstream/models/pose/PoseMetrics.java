package dev.visionstream.models.pose;

import java.util.Arrays;

/** Joint-error metrics in millimetres. */
public final class PoseMetrics {
    private PoseMetrics() {
    }

    /** Mean per-joint position error after moving both pelvises to the origin (root-aligned MPJPE), mm. */
    public static double rootAlignedMpjpeMm(double[][] fitted, double[][] target) {
        double sum = 0;
        for (int j = 0; j < fitted.length; j++) {
            double dx = (fitted[j][0] - fitted[0][0]) - (target[j][0] - target[0][0]);
            double dy = (fitted[j][1] - fitted[0][1]) - (target[j][1] - target[0][1]);
            double dz = (fitted[j][2] - fitted[0][2]) - (target[j][2] - target[0][2]);
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return 1000 * sum / fitted.length;
    }

    /** Distance of each fitted joint from its target, mm (no alignment). */
    public static double[] residualsMm(double[][] fitted, double[][] target) {
        double[] r = new double[fitted.length];
        for (int j = 0; j < fitted.length; j++) {
            r[j] = 1000 * Rotations.norm(Rotations.sub(fitted[j], target[j]));
        }
        return r;
    }

    /** Mean distance of the fitted joints from their targets, mm (no alignment). */
    public static double meanResidualMm(double[][] fitted, double[][] target) {
        return Arrays.stream(residualsMm(fitted, target)).average().orElse(0);
    }
}
