package dev.visionstream.models.pose;

import java.util.Arrays;

/**
 * Sampling of sparse animation keys: values linearly, rotations (unit quaternions {@code (w, x, y, z)}) by slerp
 * along the shorter arc. Before the first key and after the last the end value holds. Key times must increase.
 */
public final class Keyframes {
    private Keyframes() {
    }

    public static double[] linear(double[] times, double[][] values, double t) {
        int i = segment(times, t);
        if (i < 0) {
            return values[t <= times[0] ? 0 : times.length - 1].clone();
        }
        double u = (t - times[i]) / (times[i + 1] - times[i]);
        double[] a = values[i];
        double[] b = values[i + 1];
        double[] r = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k] + u * (b[k] - a[k]);
        }
        return r;
    }

    /** The rotation matrix at {@code t}. */
    public static double[] rotation(double[] times, double[][] quaternions, double t) {
        int i = segment(times, t);
        if (i < 0) {
            return Rotations.fromQuaternion(quaternions[t <= times[0] ? 0 : times.length - 1]);
        }
        double u = (t - times[i]) / (times[i + 1] - times[i]);
        return Rotations.fromQuaternion(Rotations.slerp(quaternions[i], quaternions[i + 1], u));
    }

    /** Index i with times[i] <= t < times[i+1], or -1 outside the keyed span or with a single key. */
    private static int segment(double[] times, double t) {
        if (times.length < 2 || t <= times[0] || t >= times[times.length - 1]) {
            return -1;
        }
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 2;
    }
}
