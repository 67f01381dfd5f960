package dev.visionstream.models.pose;

/**
 * Skeleton-only SMPL forward kinematics on plain arrays: global rotation Rg[k] = Rg[parent]·R[k],
 * position p[k] = p[parent] + Rg[parent]·offset[k], the pelvis at the translation. One frame at a time; the
 * batched, differentiable version is {@link BatchedKinematics}.
 */
public final class ForwardKinematics {
    private ForwardKinematics() {
    }

    public static double[][] joints(BodyShape shape, BodyPose pose) {
        return joints(shape, pose.matrices(), pose.translation());
    }

    /** Joint positions (24×3) for local rotation matrices (24 × row-major 3×3). */
    public static double[][] joints(BodyShape shape, double[][] localRotations, double[] translation) {
        double[][] global = new double[SmplSkeleton.JOINTS][];
        double[][] p = new double[SmplSkeleton.JOINTS][];
        global[0] = localRotations[0];
        p[0] = translation.clone();
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            int parent = SmplSkeleton.parent(k);
            global[k] = Rotations.multiply(global[parent], localRotations[k]);
            double[] d = Rotations.apply(global[parent], shape.offset(k));
            p[k] = new double[] {p[parent][0] + d[0], p[parent][1] + d[1], p[parent][2] + d[2]};
        }
        return p;
    }
}
