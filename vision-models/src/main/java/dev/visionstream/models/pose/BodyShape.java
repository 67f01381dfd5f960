package dev.visionstream.models.pose;

import java.util.Arrays;

/**
 * The "shape" of one tracked person: the rest offset of each joint from its parent (metres, SMPL axes, 24×3,
 * the pelvis row zero). Skeleton-only Learnable SMPLify keeps it fixed per track, as the paper keeps β fixed.
 */
public record BodyShape(double[][] offsets) {
    public BodyShape {
        if (offsets.length != SmplSkeleton.JOINTS) {
            throw new IllegalArgumentException("a body shape has " + SmplSkeleton.JOINTS + " offsets, not "
                    + offsets.length);
        }
        offsets = copy(offsets);
    }

    /** The licence-free template of {@link SmplSkeleton}. */
    public static BodyShape template() {
        double[][] o = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            o[k] = SmplSkeleton.restOffset(k);
        }
        return new BodyShape(o);
    }

    @Override
    public double[][] offsets() {
        return copy(offsets);
    }

    public double[] offset(int joint) {
        return offsets[joint].clone();
    }

    /** Length of the bone from the parent to {@code joint}; 0 for the pelvis. */
    public double boneLength(int joint) {
        return Rotations.norm(offsets[joint]);
    }

    /** The template with every offset multiplied by {@code factor}. */
    public BodyShape scaled(double factor) {
        double[][] o = copy(offsets);
        for (double[] row : o) {
            for (int i = 0; i < 3; i++) {
                row[i] *= factor;
            }
        }
        return new BodyShape(o);
    }

    /** Running mean: (this·n + other) / (n + 1). */
    public BodyShape averagedWith(BodyShape other, int framesSoFar) {
        double[][] o = new double[SmplSkeleton.JOINTS][3];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            for (int i = 0; i < 3; i++) {
                o[k][i] = (offsets[k][i] * framesSoFar + other.offsets[k][i]) / (framesSoFar + 1);
            }
        }
        return new BodyShape(o);
    }

    /** Rest joint positions with the pelvis at the origin (a T-pose). */
    public double[][] restJoints() {
        double[][] p = new double[SmplSkeleton.JOINTS][3];
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            int parent = SmplSkeleton.parent(k);
            for (int i = 0; i < 3; i++) {
                p[k][i] = p[parent][i] + offsets[k][i];
            }
        }
        return p;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = Arrays.copyOf(a[i], a[i].length);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyShape other && Arrays.deepEquals(offsets, other.offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(offsets);
    }

    @Override
    public String toString() {
        return "BodyShape" + Arrays.deepToString(offsets);
    }
}
