package dev.visionstream.models.pose;

/**
 * Rotation conversions on plain arrays. A matrix is a {@code double[9]} in row-major order; a quaternion is
 * {@code (w, x, y, z)} with {@code w >= 0}; axis-angle is the rotation vector (axis times angle in radians).
 * The 6-D representation uses the Learnable SMPLify layout: the six numbers are the 3×2 matrix of the
 * first two columns read row-major, so column 1 = (v0, v2, v4) and column 2 = (v1, v3, v5).
 */
public final class Rotations {
    private static final double EPS = 1e-12;

    private Rotations() {
    }

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    /** Rodrigues: R = I + sin φ K + (1 − cos φ) K², K the cross-product matrix of the unit axis. */
    public static double[] fromAxisAngle(double[] v) {
        double angle = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (angle < EPS) {
            return identity();
        }
        double x = v[0] / angle;
        double y = v[1] / angle;
        double z = v[2] / angle;
        double s = Math.sin(angle);
        double c = 1 - Math.cos(angle);
        return new double[] {
                1 - c * (y * y + z * z), -s * z + c * x * y, s * y + c * x * z,
                s * z + c * x * y, 1 - c * (x * x + z * z), -s * x + c * y * z,
                -s * y + c * x * z, s * x + c * y * z, 1 - c * (x * x + y * y)};
    }

    /** Shepperd's method: picks the numerically largest of w, x, y, z to divide by. */
    public static double[] toQuaternion(double[] m) {
        double trace = m[0] + m[4] + m[8];
        double w;
        double x;
        double y;
        double z;
        if (trace > m[0] && trace > m[4] && trace > m[8]) {
            double s = 2 * Math.sqrt(1 + trace);
            w = s / 4;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] >= m[4] && m[0] >= m[8]) {
            double s = 2 * Math.sqrt(Math.max(EPS, 1 + m[0] - m[4] - m[8]));
            w = (m[7] - m[5]) / s;
            x = s / 4;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] >= m[8]) {
            double s = 2 * Math.sqrt(Math.max(EPS, 1 + m[4] - m[0] - m[8]));
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = s / 4;
            z = (m[5] + m[7]) / s;
        } else {
            double s = 2 * Math.sqrt(Math.max(EPS, 1 + m[8] - m[0] - m[4]));
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = s / 4;
        }
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        double sign = w < 0 ? -1 : 1;
        return new double[] {sign * w / n, sign * x / n, sign * y / n, sign * z / n};
    }

    public static double[] fromQuaternion(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double w = q[0] / n;
        double x = q[1] / n;
        double y = q[2] / n;
        double z = q[3] / n;
        return new double[] {
                1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }

    /** Rotation vector of a unit quaternion; the angle lies in [0, π]. */
    public static double[] quaternionToAxisAngle(double[] q) {
        double w = q[0];
        double sinHalf = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (sinHalf < EPS) {
            // small angle: v ≈ 2 (x, y, z) / w
            double k = 2 / Math.max(w, EPS);
            return new double[] {k * q[1], k * q[2], k * q[3]};
        }
        double angle = 2 * Math.atan2(sinHalf, w);
        double k = angle / sinHalf;
        return new double[] {k * q[1], k * q[2], k * q[3]};
    }

    public static double[] toAxisAngle(double[] m) {
        return quaternionToAxisAngle(toQuaternion(m));
    }

    public static double[] axisAngleToQuaternion(double[] v) {
        double angle = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (angle < EPS) {
            return new double[] {1, v[0] / 2, v[1] / 2, v[2] / 2};
        }
        double s = Math.sin(angle / 2) / angle;
        double[] q = {Math.cos(angle / 2), s * v[0], s * v[1], s * v[2]};
        return q[0] < 0 ? new double[] {-q[0], -q[1], -q[2], -q[3]} : q;
    }

    /** Gram–Schmidt of the spec's row-major 3×2 layout: b1 = n(a1), b2 = n(a2 − (b1·a2) b1), b3 = b1 × b2. */
    public static double[] fromSixD(double[] v) {
        double[] b1 = normalize(new double[] {v[0], v[2], v[4]});
        double[] a2 = {v[1], v[3], v[5]};
        double d = dot(b1, a2);
        double[] b2 = normalize(new double[] {a2[0] - d * b1[0], a2[1] - d * b1[1], a2[2] - d * b1[2]});
        double[] b3 = cross(b1, b2);
        return new double[] {b1[0], b2[0], b3[0], b1[1], b2[1], b3[1], b1[2], b2[2], b3[2]};
    }

    /** The first two columns, row-major: (m00, m01, m10, m11, m20, m21). */
    /**
     * Spherical interpolation of unit quaternions (w, x, y, z) from {@code a} (u = 0) to {@code b} (u = 1) along the
     * shorter arc (q and −q are one rotation), normalised; linear when the two are nearly equal.
     */
    public static double[] slerp(double[] a, double[] b, double u) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
        double sign = dot < 0 ? -1 : 1;
        dot *= sign;
        double wa = 1 - u;
        double wb = u;
        if (dot < 0.9999) {
            double theta = Math.acos(dot);
            wa = Math.sin((1 - u) * theta) / Math.sin(theta);
            wb = Math.sin(u * theta) / Math.sin(theta);
        }
        double[] q = new double[4];
        double norm = 0;
        for (int k = 0; k < 4; k++) {
            q[k] = wa * a[k] + wb * sign * b[k];
            norm += q[k] * q[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < 4; k++) {
            q[k] /= norm;
        }
        return q;
    }

    public static double[] toSixD(double[] m) {
        return new double[] {m[0], m[1], m[3], m[4], m[6], m[7]};
    }

    /** Re-orthonormalises a nearly orthogonal matrix through its 6-D part, as the spec does before conversion. */
    public static double[] orthonormalize(double[] m) {
        return fromSixD(toSixD(m));
    }

    public static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return r;
    }

    public static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    public static double[] apply(double[] m, double[] v) {
        return new double[] {
                m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
                m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    /** Geodesic distance between two rotations, radians in [0, π]. */
    public static double angleBetween(double[] a, double[] b) {
        double[] r = multiply(transpose(a), b);
        double c = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
        return Math.acos(c);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] normalize(double[] v) {
        double n = Math.max(Math.sqrt(dot(v, v)), EPS);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
