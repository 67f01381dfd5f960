package dev.visionstream.models.splatting;

/**
 * YoNoSplat's intrinsic condition embedding (ICE) input: for every pixel, the unit camera ray through its centre,
 * encoded with real spherical harmonics up to degree 4 (25 channels, index n(n+1)+m, the Condon–Shortley sign
 * convention of torch-spherical-harmonics). The learned conv + LayerNorm that follow belong to the network.
 */
public final class IntrinsicEmbedding {
    public static final int CHANNELS = 25;

    private IntrinsicEmbedding() {
    }

    /** Channel-major {@code [25, height, width]} embedding of the rays of {@code k} at {@code height × width}. */
    public static float[] embed(NormalizedIntrinsics k, int height, int width) {
        int plane = height * width;
        float[] out = new float[CHANNELS * plane];
        double[] sh = new double[CHANNELS];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width;
                double dx = (u - k.cx()) / k.fx();
                double dy = (v - k.cy()) / k.fy();
                double n = Math.sqrt(dx * dx + dy * dy + 1);
                harmonics(dx / n, dy / n, 1 / n, sh);
                int p = y * width + x;
                for (int c = 0; c < CHANNELS; c++) {
                    out[c * plane + p] = (float) sh[c];
                }
            }
        }
        return out;
    }

    /** Real spherical harmonics of degree 0…4 of the unit direction (x, y, z), in the spec's order. */
    public static void harmonics(double x, double y, double z, double[] out) {
        double xx = x * x;
        double yy = y * y;
        double zz = z * z;
        out[0] = 0.282094791773878;
        out[1] = -0.48860251190292 * y;
        out[2] = 0.48860251190292 * z;
        out[3] = -0.48860251190292 * x;
        out[4] = 1.09254843059208 * x * y;
        out[5] = -1.09254843059208 * y * z;
        out[6] = 0.94617469575756 * zz - 0.31539156525252;
        out[7] = -1.09254843059208 * x * z;
        out[8] = 0.54627421529604 * (xx - yy);
        out[9] = -0.590043589926644 * y * (3 * xx - yy);
        out[10] = 2.89061144264055 * x * y * z;
        out[11] = 0.304697199642977 * y * (1.5 - 7.5 * zz);
        out[12] = 1.24392110863372 * z * (1.5 * zz - 0.5) - 0.497568443453487 * z;
        out[13] = 0.304697199642977 * x * (1.5 - 7.5 * zz);
        out[14] = 1.44530572132028 * z * (xx - yy);
        out[15] = -0.590043589926644 * x * (xx - 3 * yy);
        out[16] = 2.5033429417967 * x * y * (xx - yy);
        out[17] = -1.77013076977993 * y * z * (3 * xx - yy);
        out[18] = 0.126156626101008 * x * y * (52.5 * zz - 7.5);
        out[19] = 0.267618617422916 * y * (2.33333333333333 * z * (1.5 - 7.5 * zz) + 4 * z);
        out[20] = 1.48099765681286 * z * (1.66666666666667 * z * (1.5 * zz - 0.5) - 0.666666666666667 * z)
                - 0.952069922236839 * zz + 0.317356640745613;
        out[21] = 0.267618617422916 * x * (2.33333333333333 * z * (1.5 - 7.5 * zz) + 4 * z);
        out[22] = 0.063078313050504 * (xx - yy) * (52.5 * zz - 7.5);
        out[23] = -1.77013076977993 * x * z * (xx - 3 * yy);
        out[24] = -3.75501441269506 * xx * yy + 0.625835735449176 * xx * xx + 0.625835735449176 * yy * yy;
    }
}
