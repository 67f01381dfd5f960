package dev.visionstream.models.splatting;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_ZERO_DISPARITY;
import static org.bytedeco.opencv.global.opencv_calib3d.initUndistortRectifyMap;
import static org.bytedeco.opencv.global.opencv_calib3d.stereoRectify;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;

import java.awt.image.BufferedImage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Calibrated rectification of a pair with OpenCV's {@code stereoRectify} (zero-disparity principal points, no
 * black borders) and {@code initUndistortRectifyMap}/{@code remap}. A pair that is already rectified (same K with
 * fx = fy, no distortion, parallel cameras displaced along x) is used as is, so its pixels stay exactly where they
 * were (ground-truth disparity maps then line up).
 */
public final class StereoRectifier {
    private static final double PARALLEL_TOLERANCE = 1e-9;

    private StereoRectifier() {
    }

    public static RectifiedPair rectify(BufferedImage reference, ViewCamera refCamera, BufferedImage partner,
                                        ViewCamera partnerCamera) {
        // x_partner = R x_ref + T with R = R_pᵀ R_r, T = R_pᵀ (c_r − c_p)
        Pose relative = partnerCamera.camToWorld().inverse().compose(refCamera.camToWorld());
        double[] r = relative.rotation();
        double[] t = relative.translation();
        double baseline = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
        if (!(baseline > 0)) {
            throw new IllegalArgumentException("stereo pair cameras coincide: no baseline");
        }
        if (alreadyRectified(refCamera, partnerCamera, r, t, baseline)) {
            double[] k = refCamera.k();
            return new RectifiedPair(OpenCvMats.bgr(reference), OpenCvMats.bgr(partner), Mat3.identity(), k[0], k[2],
                    k[5], baseline, t[0] > 0);
        }
        Size size = new Size(reference.getWidth(), reference.getHeight());
        Mat k1 = OpenCvMats.doubles(3, 3, refCamera.k());
        Mat k2 = OpenCvMats.doubles(3, 3, partnerCamera.k());
        Mat d1 = distortion(refCamera);
        Mat d2 = distortion(partnerCamera);
        Mat r1 = new Mat();
        Mat r2 = new Mat();
        Mat p1 = new Mat();
        Mat p2 = new Mat();
        Mat q = new Mat();
        stereoRectify(k1, d1, k2, d2, size, OpenCvMats.doubles(3, 3, r), OpenCvMats.doubles(3, 1, t), r1, r2, p1, p2,
                q, CALIB_ZERO_DISPARITY, 0, size, new Rect(), new Rect());
        double[] pp1 = OpenCvMats.doubles(p1);
        double[] pp2 = OpenCvMats.doubles(p2);
        if (Math.abs(pp2[7]) > Math.abs(pp2[3])) {
            throw new IllegalArgumentException("the pair is a vertical stereo rig; only horizontal rigs are matched");
        }
        Mat refOut = remapped(OpenCvMats.bgr(reference), k1, d1, r1, p1, size);
        Mat partnerOut = remapped(OpenCvMats.bgr(partner), k2, d2, r2, p2, size);
        return new RectifiedPair(refOut, partnerOut, OpenCvMats.doubles(r1), pp1[0], pp1[2], pp1[6],
                Math.abs(pp2[3] / pp2[0]), pp2[3] > 0);
    }

    private static boolean alreadyRectified(ViewCamera a, ViewCamera b, double[] r, double[] t, double baseline) {
        double[] ka = a.k();
        double[] kb = b.k();
        for (int i = 0; i < 9; i++) {
            if (ka[i] != kb[i]) {
                return false;
            }
        }
        double[] id = Mat3.identity();
        for (int i = 0; i < 9; i++) {
            if (Math.abs(r[i] - id[i]) > PARALLEL_TOLERANCE) {
                return false;
            }
        }
        return ka[0] == ka[4] && ka[1] == 0 && !a.hasDistortion() && !b.hasDistortion()
                && Math.abs(t[1]) <= PARALLEL_TOLERANCE * baseline && Math.abs(t[2]) <= PARALLEL_TOLERANCE * baseline;
    }

    private static Mat distortion(ViewCamera camera) {
        double[] d = camera.distortion();
        return d.length == 0 ? OpenCvMats.doubles(1, 5, 0, 0, 0, 0, 0) : OpenCvMats.doubles(1, d.length, d);
    }

    private static Mat remapped(Mat image, Mat k, Mat d, Mat r, Mat p, Size size) {
        Mat mapX = new Mat();
        Mat mapY = new Mat();
        initUndistortRectifyMap(k, d, r, p, size, CV_32FC1, mapX, mapY);
        Mat out = new Mat();
        remap(image, out, mapX, mapY, INTER_LINEAR);
        return out;
    }
}
