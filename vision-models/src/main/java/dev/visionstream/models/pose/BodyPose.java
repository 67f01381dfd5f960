package dev.visionstream.models.pose;

import java.util.Arrays;

/**
 * An SMPL pose: 24 local joint rotations as axis-angle vectors in SMPL joint order (the root's is the global
 * orientation) and the root translation in metres (the pelvis position, as the rest pelvis sits at the origin).
 */
public record BodyPose(double[][] axisAngles, double[] translation) {
    public BodyPose {
        if (axisAngles.length != SmplSkeleton.JOINTS || translation.length != 3) {
            throw new IllegalArgumentException("a pose has 24 axis-angle rotations and a 3-D translation");
        }
        axisAngles = BodyShape.copy(axisAngles);
        translation = translation.clone();
    }

    /** All joints at rest, pelvis at {@code translation}. */
    public static BodyPose rest(double[] translation) {
        return new BodyPose(new double[SmplSkeleton.JOINTS][3], translation);
    }

    public static BodyPose fromMatrices(double[][] rotations, double[] translation) {
        double[][] aa = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            aa[k] = Rotations.toAxisAngle(rotations[k]);
        }
        return new BodyPose(aa, translation);
    }

    @Override
    public double[][] axisAngles() {
        return BodyShape.copy(axisAngles);
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    public double[] axisAngle(int joint) {
        return axisAngles[joint].clone();
    }

    /** Local rotation matrices, row-major, one per joint. */
    public double[][] matrices() {
        double[][] m = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            m[k] = Rotations.fromAxisAngle(axisAngles[k]);
        }
        return m;
    }

    /** Unit quaternions (w, x, y, z), w ≥ 0, one per joint. */
    public double[][] quaternions() {
        double[][] q = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            q[k] = Rotations.axisAngleToQuaternion(axisAngles[k]);
        }
        return q;
    }

    public BodyPose withTranslation(double[] t) {
        return new BodyPose(axisAngles, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPose other && Arrays.deepEquals(axisAngles, other.axisAngles)
                && Arrays.equals(translation, other.translation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(axisAngles) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "BodyPose[" + Arrays.deepToString(axisAngles) + ", t=" + Arrays.toString(translation) + "]";
    }
}
