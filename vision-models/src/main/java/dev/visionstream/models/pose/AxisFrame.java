package dev.visionstream.models.pose;

/**
 * A right-handed orthonormal frame built from two directions: e1 along {@code a}, e2 the part of {@code b}
 * orthogonal to e1, e3 = e1 × e2. As a row-major matrix with e1, e2, e3 as columns, it rotates canonical
 * coordinates into the frame, so {@code data · templateᵀ} rotates a template layout onto observed data.
 */
final class AxisFrame {
    private AxisFrame() {
    }

    static double[] of(double[] a, double[] b) {
        double[] e1 = Rotations.normalize(a);
        double d = Rotations.dot(b, e1);
        double[] e2 = Rotations.normalize(new double[] {b[0] - d * e1[0], b[1] - d * e1[1], b[2] - d * e1[2]});
        double[] e3 = Rotations.cross(e1, e2);
        return new double[] {e1[0], e2[0], e3[0], e1[1], e2[1], e3[1], e1[2], e2[2], e3[2]};
    }

    /** The rotation taking the template frame of (aTemplate, bTemplate) onto the frame of (aData, bData). */
    static double[] alignment(double[] aTemplate, double[] bTemplate, double[] aData, double[] bData) {
        return Rotations.multiply(of(aData, bData), Rotations.transpose(of(aTemplate, bTemplate)));
    }
}
