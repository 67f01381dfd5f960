package dev.visionstream.models.splatting;

/**
 * A set of Gaussians in one global frame, as structure-of-arrays floats: centres, scales σ (along the Gaussian's
 * own axes), unit rotations in (w, x, y, z) order (world frame), opacities α in [0,1] and degree-0 SH colour.
 * The world covariance is {@code R diag(σ)² Rᵀ}.
 */
public record GaussianScene(int count, float[] means, float[] scales, float[] rotationsWxyz, float[] opacities,
                            float[] shDc) {
    /** The SH band-0 constant: RGB = C0·f_dc + 0.5. */
    public static final double SH_C0 = 0.28209479177387814;

    public GaussianScene {
        if (means.length < 3L * count || scales.length < 3L * count || rotationsWxyz.length < 4L * count
                || opacities.length < count || shDc.length < 3L * count) {
            throw new IllegalArgumentException("scene arrays are shorter than " + count + " Gaussians");
        }
    }

    public static GaussianScene allocate(int count) {
        return new GaussianScene(count, new float[3 * count], new float[3 * count], new float[4 * count],
                new float[count], new float[3 * count]);
    }

    /** Axis-aligned bounds of the centres: {min x, min y, min z, max x, max y, max z} (zeros when empty). */
    public double[] bounds() {
        if (count == 0) {
            return new double[6];
        }
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE,
            -Double.MAX_VALUE};
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 3; k++) {
                float v = means[3 * i + k];
                b[k] = Math.min(b[k], v);
                b[3 + k] = Math.max(b[3 + k], v);
            }
        }
        return b;
    }

    /** The same scene with centres and scales multiplied by {@code factor} (undoing a scale normalisation). */
    public GaussianScene scaled(double factor) {
        float[] m = new float[3 * count];
        float[] s = new float[3 * count];
        for (int i = 0; i < 3 * count; i++) {
            m[i] = (float) (means[i] * factor);
            s[i] = (float) (scales[i] * factor);
        }
        return new GaussianScene(count, m, s, rotationsWxyz, opacities, shDc);
    }

    /** Colour of Gaussian {@code i}, channel {@code c}, as the rasteriser sees it: {@code max(C0·f_dc + 0.5, 0)}. */
    public float colour(int i, int c) {
        return (float) Math.max(SH_C0 * shDc[3 * i + c] + 0.5, 0);
    }
}
