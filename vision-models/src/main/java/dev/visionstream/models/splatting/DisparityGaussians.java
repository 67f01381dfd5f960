package dev.visionstream.models.splatting;

/**
 * Fills YoNoSplat's per-pixel Gaussian parameterisation from a rectified view and its disparity: one Gaussian per
 * rectified pixel at depth {@code f·B/d} (in the reference camera's frame), colour from the pixel, a flat disc
 * facing the rectified camera whose radius is a fraction of the pixel footprint {@code z/f} (capped at the
 * activation's 0.3), and opacity from the match confidence. Pixels with no usable disparity get α = 0, so
 * pruning removes them.
 */
public final class DisparityGaussians {
    /** σ across the disc in pixel footprints: neighbours overlap without blurring (plus the renderer's 0.3 px²). */
    public static final double FOOTPRINT_SIGMA = 0.6;
    /** σ along the viewing axis, relative to the disc's. */
    public static final double THICKNESS = 0.2;
    public static final double OPACITY_UNCONFIDENT = 0.8;
    public static final double OPACITY_CONFIDENT = 0.95;
    /** Smallest disparity turned into a Gaussian; below it the depth would run to infinity. */
    public static final double MIN_DISPARITY = 0.5;

    private DisparityGaussians() {
    }

    public static LocalGaussians build(RectifiedPair pair, DisparityMap disparity) {
        int w = pair.width();
        int h = pair.height();
        if (disparity.width() != w || disparity.height() != h) {
            throw new IllegalArgumentException("disparity " + disparity.width() + "×" + disparity.height()
                    + " does not match the rectified view " + w + "×" + h);
        }
        LocalGaussians out = LocalGaussians.allocate(h, w);
        byte[] bgr = OpenCvMats.bytes(pair.reference());
        // camera frame ← rectified frame is R1ᵀ; the disc's axes are the rectified camera's
        double[] back = Mat3.transpose(pair.rectRotation());
        double[] q = Quaternions.wxyzFromMatrix(back);
        double f = pair.f();
        double fb = f * pair.baseline();
        float[] means = out.means();
        float[] scales = out.scales();
        float[] rot = out.rotationsXyzw();
        float[] alpha = out.opacities();
        float[] sh = out.shDc();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float d = disparity.disparity()[i];
                boolean usable = !Float.isNaN(d) && d >= MIN_DISPARITY;
                double z = usable ? fb / d : fb / MIN_DISPARITY;
                double rx = (x - pair.cx()) * z / f;
                double ry = (y - pair.cy()) * z / f;
                double[] p = Mat3.apply(back, new double[] {rx, ry, z});
                means[3 * i] = (float) p[0];
                means[3 * i + 1] = (float) p[1];
                means[3 * i + 2] = (float) p[2];
                double sigma = Math.min(FOOTPRINT_SIGMA * z / f, GaussianActivations.MAX_SCALE);
                scales[3 * i] = (float) sigma;
                scales[3 * i + 1] = (float) sigma;
                scales[3 * i + 2] = (float) (sigma * THICKNESS);
                rot[4 * i] = (float) q[1];
                rot[4 * i + 1] = (float) q[2];
                rot[4 * i + 2] = (float) q[3];
                rot[4 * i + 3] = (float) q[0];
                double c = disparity.confidence()[i];
                alpha[i] = usable ? (float) (OPACITY_UNCONFIDENT + (OPACITY_CONFIDENT - OPACITY_UNCONFIDENT) * c) : 0;
                for (int ch = 0; ch < 3; ch++) {
                    double value = (bgr[3 * i + 2 - ch] & 0xff) / 255.0;
                    sh[3 * i + ch] = (float) ((value - 0.5) / GaussianScene.SH_C0);
                }
            }
        }
        return out;
    }
}
