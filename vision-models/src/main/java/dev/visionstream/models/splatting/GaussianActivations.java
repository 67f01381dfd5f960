package dev.visionstream.models.splatting;

import java.util.stream.IntStream;

/**
 * Turns the raw per-pixel outputs of YoNoSplat's point and Gaussian heads into Gaussians in the view's camera
 * frame: centre {@code (a·z, b·z, z)} with {@code z = exp(c)}; opacity {@code sigmoid}; scale
 * {@code min(0.001·softplus, 0.3)}; quaternion (x, y, z, w) divided by {@code |q| + 1e-8}; SH degree 0 as is.
 */
public final class GaussianActivations {
    /** Channels of the Gaussian head: opacity, 3 scales, 4 quaternion (xyzw), 3 SH DC. */
    public static final int GAUSSIAN_CHANNELS = 11;
    public static final double SCALE_FACTOR = 0.001;
    public static final double MAX_SCALE = 0.3;

    private GaussianActivations() {
    }

    /**
     * @param points    pixel-major {@code [H·W, 3]} raw point-head output (a, b, c)
     * @param gaussians pixel-major {@code [H·W, 11]} raw Gaussian-head output
     */
    public static LocalGaussians activate(float[] points, float[] gaussians, int height, int width) {
        int n = height * width;
        if (points.length != 3 * n) {
            throw new IllegalArgumentException("point map has " + points.length + " values, expected 3×" + n);
        }
        if (gaussians.length != GAUSSIAN_CHANNELS * n) {
            throw new IllegalArgumentException("Gaussian map has " + gaussians.length + " values, expected 11×" + n);
        }
        LocalGaussians out = LocalGaussians.allocate(height, width);
        int chunk = 16384;
        // pixels are independent: activate blocks of them in parallel
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> activateRange(points, 0, gaussians, 0,
                c * chunk, Math.min(n, (c + 1) * chunk), out));
        return out;
    }

    /** Activates {@code n} pixels read from the given offsets into {@code out} (reused buffers, no allocation). */
    public static void activateInto(float[] points, int pointOffset, float[] gaussians, int gaussianOffset, int n,
                                    LocalGaussians out) {
        activateRange(points, pointOffset, gaussians, gaussianOffset, 0, n, out);
    }

    private static void activateRange(float[] points, int pointOffset, float[] gaussians, int gaussianOffset,
                                      int from, int to, LocalGaussians out) {
        float[] means = out.means();
        float[] scales = out.scales();
        float[] rot = out.rotationsXyzw();
        float[] alpha = out.opacities();
        float[] sh = out.shDc();
        for (int i = from; i < to; i++) {
            int p = pointOffset + 3 * i;
            double z = Math.exp(points[p + 2]);
            means[3 * i] = (float) (points[p] * z);
            means[3 * i + 1] = (float) (points[p + 1] * z);
            means[3 * i + 2] = (float) z;
            int g = gaussianOffset + GAUSSIAN_CHANNELS * i;
            alpha[i] = (float) sigmoid(gaussians[g]);
            for (int k = 0; k < 3; k++) {
                scales[3 * i + k] = (float) Math.min(SCALE_FACTOR * softplus(gaussians[g + 1 + k]), MAX_SCALE);
            }
            double qx = gaussians[g + 4];
            double qy = gaussians[g + 5];
            double qz = gaussians[g + 6];
            double qw = gaussians[g + 7];
            double norm = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw) + 1e-8;
            rot[4 * i] = (float) (qx / norm);
            rot[4 * i + 1] = (float) (qy / norm);
            rot[4 * i + 2] = (float) (qz / norm);
            rot[4 * i + 3] = (float) (qw / norm);
            sh[3 * i] = gaussians[g + 8];
            sh[3 * i + 1] = gaussians[g + 9];
            sh[3 * i + 2] = gaussians[g + 10];
        }
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {@code ln(1 + eˣ)}, computed without overflow for large x (PyTorch's threshold 20 behaves the same). */
    public static double softplus(double x) {
        if (x > 20) {
            return x;
        }
        double e = Math.exp(x);
        // Math.log is a JIT intrinsic and Math.log1p is not (3 calls per Gaussian dominate the activations); for
        // small e, where 1 + e loses digits, the series ln(1+e) = e - e²/2 + e³/3 - e⁴/4 is within 1e-12 relative
        return e < 1e-3 ? e * (1 - e * (0.5 - e * (1.0 / 3 - 0.25 * e))) : Math.log(1 + e);
    }
}
