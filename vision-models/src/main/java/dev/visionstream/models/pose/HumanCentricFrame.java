package dev.visionstream.models.pose;

/**
 * Learnable SMPLify's human-centric normalisation, computed from the initial joints only and applied
 * unchanged to target and predicted joints. Adapted to the SMPL 24 joints: pelvis P = Pelvis (0), thorax N = Neck
 * (12), left hip L = L_Hip (1), right hip = R_Hip (2). With n(v) = v/(‖v‖+1e-8):
 * y = n(L − Rh), u = n(N − P), z = n(u − (u·y)y), x = n(z × y) (order z × y: the basis is left-handed),
 * R = [x | y | z], and a joint maps to (X − T)ᵀ·R with T = P. No scaling.
 *
 * @param axes   R, row-major, the axes x, y, z as columns
 * @param origin T, the initial pelvis
 */
public record HumanCentricFrame(double[] axes, double[] origin) {
    public static HumanCentricFrame of(double[][] initJoints) {
        double[] t = initJoints[SmplSkeleton.PELVIS];
        double[] y = n(Rotations.sub(initJoints[SmplSkeleton.L_HIP], initJoints[SmplSkeleton.R_HIP]));
        double[] u = n(Rotations.sub(initJoints[SmplSkeleton.NECK], t));
        double uy = Rotations.dot(u, y);
        double[] z = n(new double[] {u[0] - uy * y[0], u[1] - uy * y[1], u[2] - uy * y[2]});
        double[] x = n(Rotations.cross(z, y));
        return new HumanCentricFrame(new double[] {x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]}, t.clone());
    }

    /** The spec's n(v) = v / (‖v‖ + 1e-8), kept exactly. */
    private static double[] n(double[] v) {
        double norm = Rotations.norm(v) + 1e-8;
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }

    @Override
    public double[] axes() {
        return axes.clone();
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    /** ((X − T)·x, (X − T)·y, (X − T)·z). */
    public double[] apply(double[] joint) {
        double dx = joint[0] - origin[0];
        double dy = joint[1] - origin[1];
        double dz = joint[2] - origin[2];
        return new double[] {
                dx * axes[0] + dy * axes[3] + dz * axes[6],
                dx * axes[1] + dy * axes[4] + dz * axes[7],
                dx * axes[2] + dy * axes[5] + dz * axes[8]};
    }

    public double[][] apply(double[][] joints) {
        double[][] out = new double[joints.length][];
        for (int j = 0; j < joints.length; j++) {
            out[j] = apply(joints[j]);
        }
        return out;
    }
}
