package dev.visionstream.models.pose;

/**
 * Anatomical ranges of the local axis-angle components per SMPL joint (radians; a box per joint, an approximation
 * that is close to Euler limits for the moderate angles of everyday motion). Signs follow SMPL's axes: knees flex
 * about +x, the left elbow about −y and the right about +y, hips flex forward about −x, the left arm raises about
 * +z. The root is unbounded; the hands are fixed at zero. Used by the pose prior and the synthetic motion.
 */
public final class JointLimits {
    private static final double U = Double.POSITIVE_INFINITY;

    /** {xMin, xMax, yMin, yMax, zMin, zMax} per joint. */
    private static final double[][] LIMITS = {
            {-U, U, -U, U, -U, U},              // 0 Pelvis (global orientation)
            {-2.0, 0.5, -0.6, 0.6, -0.4, 1.0},  // 1 L_Hip
            {-2.0, 0.5, -0.6, 0.6, -1.0, 0.4},  // 2 R_Hip
            {-0.4, 0.6, -0.5, 0.5, -0.4, 0.4},  // 3 Spine1
            {0.0, 2.3, -0.2, 0.2, -0.1, 0.1},   // 4 L_Knee
            {0.0, 2.3, -0.2, 0.2, -0.1, 0.1},   // 5 R_Knee
            {-0.3, 0.4, -0.4, 0.4, -0.3, 0.3},  // 6 Spine2
            {-0.6, 0.7, -0.3, 0.3, -0.3, 0.3},  // 7 L_Ankle
            {-0.6, 0.7, -0.3, 0.3, -0.3, 0.3},  // 8 R_Ankle
            {-0.3, 0.4, -0.4, 0.4, -0.3, 0.3},  // 9 Spine3
            {-0.3, 0.3, -0.1, 0.1, -0.1, 0.1},  // 10 L_Foot
            {-0.3, 0.3, -0.1, 0.1, -0.1, 0.1},  // 11 R_Foot
            {-0.5, 0.7, -0.8, 0.8, -0.5, 0.5},  // 12 Neck
            {-0.3, 0.3, -0.4, 0.4, -0.2, 0.5},  // 13 L_Collar
            {-0.3, 0.3, -0.4, 0.4, -0.5, 0.2},  // 14 R_Collar
            {-0.3, 0.3, -0.3, 0.3, -0.3, 0.3},  // 15 Head
            {-1.0, 1.0, -1.6, 0.8, -1.5, 1.3},  // 16 L_Shoulder
            {-1.0, 1.0, -0.8, 1.6, -1.3, 1.5},  // 17 R_Shoulder
            {-0.3, 0.3, -2.4, 0.0, -0.2, 0.2},  // 18 L_Elbow
            {-0.3, 0.3, 0.0, 2.4, -0.2, 0.2},   // 19 R_Elbow
            {-0.5, 0.5, -0.6, 0.6, -0.8, 0.8},  // 20 L_Wrist
            {-0.5, 0.5, -0.6, 0.6, -0.8, 0.8},  // 21 R_Wrist
            {0, 0, 0, 0, 0, 0},                 // 22 L_Hand
            {0, 0, 0, 0, 0, 0}};                // 23 R_Hand

    private JointLimits() {
    }

    public static double min(int joint, int axis) {
        return LIMITS[joint][2 * axis];
    }

    public static double max(int joint, int axis) {
        return LIMITS[joint][2 * axis + 1];
    }

    /** Lower bounds (24×3) with the root's infinities replaced by {@code unbounded}, for array code. */
    public static float[] lowerBounds(float unbounded) {
        return bounds(0, -unbounded);
    }

    public static float[] upperBounds(float unbounded) {
        return bounds(1, unbounded);
    }

    private static float[] bounds(int side, float unbounded) {
        float[] b = new float[SmplSkeleton.JOINTS * 3];
        for (int j = 0; j < SmplSkeleton.JOINTS; j++) {
            for (int a = 0; a < 3; a++) {
                double v = LIMITS[j][2 * a + side];
                b[3 * j + a] = Double.isInfinite(v) ? unbounded : (float) v;
            }
        }
        return b;
    }

    /** Squared distance of an axis-angle pose outside the limits (0 inside). */
    public static double violation(BodyPose pose) {
        double sum = 0;
        for (int j = 1; j < SmplSkeleton.JOINTS; j++) {
            double[] v = pose.axisAngle(j);
            for (int a = 0; a < 3; a++) {
                double over = Math.max(0, v[a] - max(j, a)) + Math.max(0, min(j, a) - v[a]);
                sum += over * over;
            }
        }
        return sum;
    }
}
