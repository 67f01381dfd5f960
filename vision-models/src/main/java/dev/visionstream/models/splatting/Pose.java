package dev.visionstream.models.splatting;

import java.util.Arrays;

/**
 * A rigid transform {@code [R | t]}; as a camera pose it is camera-to-world in the OpenCV convention
 * (+X right, +Y down, +Z forward).
 */
public record Pose(double[] rotation, double[] translation) {
    public Pose {
        if (rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("a pose needs a 3×3 rotation and a 3-vector translation");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    public static Pose identity() {
        return new Pose(Mat3.identity(), new double[3]);
    }

    /**
     * From a row-major 4×4 matrix; refuses anything whose 3×3 block is not a rotation or whose last row is not 0 0 0 1.
     */
    public static Pose fromMatrix4(double[] m) {
        if (m == null || m.length != 16) {
            throw new IllegalArgumentException("a 4×4 pose needs 16 numbers");
        }
        if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
            throw new IllegalArgumentException("pose last row must be 0 0 0 1, got " + Arrays.toString(
                    Arrays.copyOfRange(m, 12, 16)));
        }
        double[] r = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
        if (!Mat3.isRotation(r, 1e-4)) {
            throw new IllegalArgumentException("pose 3×3 block is not a rotation (orthonormal, det +1): "
                    + Arrays.toString(r));
        }
        for (int i : new int[] {3, 7, 11}) {
            if (!Double.isFinite(m[i])) {
                throw new IllegalArgumentException("pose translation is not finite");
            }
        }
        return new Pose(r, new double[] {m[3], m[7], m[11]});
    }

    public double[] toMatrix4() {
        double[] r = rotation;
        double[] t = translation;
        return new double[] {r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2], 0, 0, 0, 1};
    }

    /** {@code [Rᵀ | −Rᵀt]}. */
    public Pose inverse() {
        double[] rt = Mat3.transpose(rotation);
        double[] t = Mat3.apply(rt, translation);
        return new Pose(rt, new double[] {-t[0], -t[1], -t[2]});
    }

    /** {@code this · other}. */
    public Pose compose(Pose other) {
        double[] t = Mat3.apply(rotation, other.translation);
        return new Pose(Mat3.multiply(rotation, other.rotation),
                new double[] {t[0] + translation[0], t[1] + translation[1], t[2] + translation[2]});
    }

    public double[] apply(double[] p) {
        double[] q = Mat3.apply(rotation, p);
        return new double[] {q[0] + translation[0], q[1] + translation[1], q[2] + translation[2]};
    }

    /** The same pose with its translation divided by {@code scale}. */
    public Pose withTranslationScaled(double factor) {
        return new Pose(rotation, new double[] {translation[0] * factor, translation[1] * factor,
            translation[2] * factor});
    }

    /** Camera centre in world coordinates (the translation of a camera-to-world pose). */
    public double[] centre() {
        return translation.clone();
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pose p && Arrays.equals(rotation, p.rotation) && Arrays.equals(translation, p.translation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "Pose" + Arrays.toString(toMatrix4());
    }
}
