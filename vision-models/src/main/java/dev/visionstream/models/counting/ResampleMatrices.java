package dev.visionstream.models.counting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PIL's bicubic resampling as matrices {@code [out, in]}, so a resize is two matrix products on NDArrays (batched over
 * frames and channels). Matrices are cached per size pair; they are small (at most a few hundred squared).
 */
public final class ResampleMatrices {
    private static final Map<Long, float[]> BICUBIC = new ConcurrentHashMap<>();
    private static final double CUBIC_A = -0.5;

    private ResampleMatrices() {
    }

    /**
     * PIL's bicubic resize ({@code a = -0.5}, support widened by the scale when shrinking, weights renormalised at
     * the borders), as torchvision's {@code Resize(interpolation=BICUBIC)} applies to a PIL image.
     */
    public static float[] pilBicubic(int in, int out) {
        return BICUBIC.computeIfAbsent(key(in, out), k -> buildPilBicubic(in, out));
    }

    private static long key(int in, int out) {
        return ((long) in << 32) | out;
    }

    private static float[] buildPilBicubic(int in, int out) {
        float[] m = new float[out * in];
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        for (int o = 0; o < out; o++) {
            double center = (o + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), in);
            double total = 0;
            double[] w = new double[Math.max(xmax - xmin, 0)];
            for (int x = xmin; x < xmax; x++) {
                w[x - xmin] = cubic((x - center + 0.5) * ss);
                total += w[x - xmin];
            }
            for (int x = xmin; x < xmax; x++) {
                m[o * in + x] = (float) (total == 0 ? 0 : w[x - xmin] / total);
            }
        }
        return m;
    }

    private static double cubic(double x) {
        double t = Math.abs(x);
        if (t < 1) {
            return ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1;
        }
        if (t < 2) {
            return (((t - 5) * t + 8) * t - 4) * CUBIC_A;
        }
        return 0;
    }
}
