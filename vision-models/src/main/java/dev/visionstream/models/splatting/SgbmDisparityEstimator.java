package dev.visionstream.models.splatting;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.flip;

import java.nio.ShortBuffer;
import org.bytedeco.opencv.opencv_calib3d.StereoSGBM;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Semi-global block matching (OpenCV StereoSGBM, 3-way mode, colour, no speckle filter) with a left-right consistency
 * check: a pixel's confidence is 1 when matching the other way round lands within one pixel of the same disparity,
 * falling off with the mismatch; pixels without a consistent match are unknown. A partner on the left is handled by
 * mirroring both views, so the reference is always SGBM's left image.
 */
public final class SgbmDisparityEstimator implements DisparityEstimator {
    /** 3×3 blocks on colour: the least edge fattening on the aloe pair (see AloeNovelViewTest). */
    private static final int BLOCK = 3;

    private final int maxDisparity;

    /** @param maxDisparity search range in pixels, rounded up to a multiple of 16; 0 = a fifth of the width */
    public SgbmDisparityEstimator(int maxDisparity) {
        this.maxDisparity = maxDisparity;
    }

    @Override
    public DisparityMap estimate(RectifiedPair pair, int viewIndex) {
        int w = pair.width();
        int h = pair.height();
        int range = maxDisparity > 0 ? maxDisparity : Math.max(16, w / 5);
        range = (range + 15) / 16 * 16;
        // matching on colour (SGBM sums the cost over channels) separates leaves from background better than luma
        Mat ref = pair.reference();
        Mat other = pair.partner();
        if (pair.partnerOnLeft()) {
            ref = mirrored(ref);
            other = mirrored(other);
        }
        StereoSGBM sgbm = StereoSGBM.create(0, range, BLOCK, 8 * BLOCK * BLOCK, 32 * BLOCK * BLOCK, -1, 63, 10,
                0, 0, StereoSGBM.MODE_SGBM_3WAY);
        float[] forward = disparities(sgbm, ref, other, w, h);
        // the other direction: match mirrored views, mirror back; gives the disparity of each partner pixel
        float[] backward = mirror(disparities(sgbm, mirrored(other), mirrored(ref), w, h), w, h);
        float[] d = new float[w * h];
        float[] c = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float dl = forward[i];
                d[i] = Float.NaN;
                if (Float.isNaN(dl) || dl <= 0) {
                    continue;
                }
                int xr = Math.round(x - dl);
                float mismatch = xr < 0 || xr >= w || Float.isNaN(backward[y * w + xr]) ? Float.MAX_VALUE
                        : Math.abs(dl - backward[y * w + xr]);
                if (mismatch <= 2) {
                    d[i] = dl;
                    c[i] = mismatch <= 1 ? 1 : mismatch <= 2 ? 2 - mismatch : 0;
                }
            }
        }
        if (pair.partnerOnLeft()) {
            d = mirror(d, w, h);
            c = mirror(c, w, h);
        }
        sgbm.close();
        return new DisparityMap(w, h, d, c);
    }

    /**
     * SGBM leaves the first {@code numDisparities} columns unmatched; padding both views on the left by that much
     * (replicated edge) lets every real column be matched, then the padding is cut off again.
     */
    private static float[] disparities(StereoSGBM sgbm, Mat left, Mat right, int w, int h) {
        int pad = sgbm.getNumDisparities();
        Mat paddedLeft = new Mat();
        Mat paddedRight = new Mat();
        copyMakeBorder(left, paddedLeft, 0, 0, pad, 0, BORDER_REPLICATE);
        copyMakeBorder(right, paddedRight, 0, 0, pad, 0, BORDER_REPLICATE);
        Mat disparity = new Mat();
        sgbm.compute(paddedLeft, paddedRight, disparity);
        int pw = w + pad;
        short[] raw = new short[pw * h];
        ((ShortBuffer) disparity.createBuffer()).get(raw);
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                short v = raw[y * pw + x + pad];
                // fixed point with 4 fractional bits; negative means no match
                out[y * w + x] = v < 0 ? Float.NaN : v / 16f;
            }
        }
        return out;
    }


    private static Mat mirrored(Mat m) {
        Mat out = new Mat();
        flip(m, out, 1);
        return out;
    }

    private static float[] mirror(float[] values, int w, int h) {
        float[] out = new float[values.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = values[y * w + (w - 1 - x)];
            }
        }
        return out;
    }
}
