package dev.visionstream.models.splatting;

/**
 * Quaternion conversions. YoNoSplat's heads use (x, y, z, w) order (scipy); the 3DGS .ply uses (w, x, y, z).
 */
public final class Quaternions {
    private Quaternions() {
    }

    /**
     * Rotation matrix of a quaternion in (x, y, z, w) order, as YoNoSplat builds it: the products are divided by
     * {@code |q|² + 1e-8}, so an unnormalised quaternion still gives a rotation.
     */
    public static double[] matrixFromXyzw(double x, double y, double z, double w) {
        double s = 2.0 / (x * x + y * y + z * z + w * w + 1e-8);
        return new double[] {
            1 - s * (y * y + z * z), s * (x * y - z * w), s * (x * z + y * w),
            s * (x * y + z * w), 1 - s * (x * x + z * z), s * (y * z - x * w),
            s * (x * z - y * w), s * (y * z + x * w), 1 - s * (x * x + y * y)};
    }

    /** Unit quaternion (w, x, y, z) with w ≥ 0 of a rotation matrix (Shepperd's method, stable for any angle). */
    public static double[] wxyzFromMatrix(double[] r) {
        double trace = r[0] + r[4] + r[8];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = Math.sqrt(trace + 1.0) * 2;
            w = 0.25 * s;
            x = (r[7] - r[5]) / s;
            y = (r[2] - r[6]) / s;
            z = (r[3] - r[1]) / s;
        } else if (r[0] > r[4] && r[0] > r[8]) {
            double s = Math.sqrt(1.0 + r[0] - r[4] - r[8]) * 2;
            w = (r[7] - r[5]) / s;
            x = 0.25 * s;
            y = (r[1] + r[3]) / s;
            z = (r[2] + r[6]) / s;
        } else if (r[4] > r[8]) {
            double s = Math.sqrt(1.0 + r[4] - r[0] - r[8]) * 2;
            w = (r[2] - r[6]) / s;
            x = (r[1] + r[3]) / s;
            y = 0.25 * s;
            z = (r[5] + r[7]) / s;
        } else {
            double s = Math.sqrt(1.0 + r[8] - r[0] - r[4]) * 2;
            w = (r[3] - r[1]) / s;
            x = (r[2] + r[6]) / s;
            y = (r[5] + r[7]) / s;
            z = 0.25 * s;
        }
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        double sign = w < 0 ? -1 : 1;
        return new double[] {sign * w / n, sign * x / n, sign * y / n, sign * z / n};
    }

    /** Rotation matrix of a quaternion in (w, x, y, z) order, normalising it first (as 3DGS loaders do). */
    public static double[] matrixFromWxyz(double w, double x, double y, double z) {
        return matrixFromXyzw(x, y, z, w);
    }
}
