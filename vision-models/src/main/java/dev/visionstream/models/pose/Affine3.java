package dev.visionstream.models.pose;

/**
 * A 3-D affine map {@code p ↦ L·p + t} (column vectors; {@code L} row-major {@code double[9]}, possibly with scale).
 * Scene-graph readers chain these from the root down: {@code world = parentWorld.times(local)}.
 */
public record Affine3(double[] linear, double[] translation) {
    public static final Affine3 IDENTITY = new Affine3(Rotations.identity(), new double[3]);

    public Affine3 {
        linear = linear.clone();
        translation = translation.clone();
    }

    public static Affine3 translation(double[] t) {
        return new Affine3(Rotations.identity(), t);
    }

    public static Affine3 linear(double[] m) {
        return new Affine3(m, new double[3]);
    }

    public static Affine3 scale(double[] s) {
        return linear(new double[] {s[0], 0, 0, 0, s[1], 0, 0, 0, s[2]});
    }

    /** This map applied after {@code inner}. */
    public Affine3 times(Affine3 inner) {
        double[] t = apply(inner.translation);
        return new Affine3(Rotations.multiply(linear, inner.linear), t);
    }

    public double[] apply(double[] p) {
        double[] q = Rotations.apply(linear, p);
        return new double[] {q[0] + translation[0], q[1] + translation[1], q[2] + translation[2]};
    }

    public Affine3 inverse() {
        double[] m = linear;
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("singular transform (determinant " + det + ")");
        }
        double[] inv = {
                (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
                (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
                (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det,
                (m[0] * m[4] - m[1] * m[3]) / det};
        double[] t = Rotations.apply(inv, translation);
        return new Affine3(inv, new double[] {-t[0], -t[1], -t[2]});
    }
}
