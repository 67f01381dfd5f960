package dev.visionstream.models.splatting;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A stereo pair resampled so that epipolar lines are image rows, seen from the view whose depth is wanted
 * ("reference") and its partner. Rectified pixel (u, v) with disparity d lies at depth {@code f·baseline/d} along
 * the rectified reference camera, whose axes are {@code rectRotation} applied to the reference camera's.
 *
 * @param reference      rectified reference view, BGR 8-bit
 * @param partner        rectified partner view, BGR 8-bit
 * @param rectRotation   R1 of {@code stereoRectify}: reference camera frame → rectified frame
 * @param partnerOnLeft  the partner sits left of the reference in the rectified frame (matching then mirrors both)
 */
public record RectifiedPair(Mat reference, Mat partner, double[] rectRotation, double f, double cx, double cy,
                            double baseline, boolean partnerOnLeft) {
    public int width() {
        return reference.cols();
    }

    public int height() {
        return reference.rows();
    }
}
