package dev.visionstream.models.splatting;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_CB_ADAPTIVE_THRESH;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_CB_NORMALIZE_IMAGE;
import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_FIX_INTRINSIC;
import static org.bytedeco.opencv.global.opencv_calib3d.findChessboardCorners;
import static org.bytedeco.opencv.global.opencv_calib3d.stereoCalibrate;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cornerSubPix;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Point2fVector;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Point3f;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Point3fVectorVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * Calibrates a stereo rig's extrinsics from chessboard pairs with known intrinsics (OpenCV
 * {@code stereoCalibrate} with {@code CALIB_FIX_INTRINSIC}), giving the two cameras the splatting pipeline needs:
 * the left one at the origin, the right one where the boards put it, in units of chessboard squares.
 */
public final class ChessboardStereoCalibration {
    private ChessboardStereoCalibration() {
    }

    /** Intrinsics of both cameras as OpenCV's stereo sample writes them ({@code M1, D1, M2, D2} in a YAML file). */
    public record StereoIntrinsics(double[] k1, double[] d1, double[] k2, double[] d2) {
    }

    /** The calibrated rig and the RMS reprojection error (pixels) of the fit. */
    public record Rig(ViewCamera left, ViewCamera right, double rmsError, int pairsUsed) {
    }

    public static StereoIntrinsics readIntrinsics(Path yaml) {
        FileStorage fs = new FileStorage(yaml.toString(), FileStorage.READ);
        try {
            if (!fs.isOpened()) {
                throw new IllegalArgumentException("cannot open intrinsics file " + yaml);
            }
            return new StereoIntrinsics(matrix(fs, "M1", yaml), matrix(fs, "D1", yaml), matrix(fs, "M2", yaml),
                    matrix(fs, "D2", yaml));
        } finally {
            fs.release();
        }
    }

    private static double[] matrix(FileStorage fs, String name, Path yaml) {
        Mat m = fs.get(name).mat();
        if (m == null || m.empty()) {
            throw new IllegalArgumentException(yaml + " has no matrix " + name);
        }
        return OpenCvMats.doubles(m);
    }

    /**
     * @param columns inner corners per chessboard row (9 for OpenCV's samples)
     * @param rows    inner corners per column (6)
     */
    public static Rig calibrate(List<BufferedImage> lefts, List<BufferedImage> rights, int columns, int rows,
                                StereoIntrinsics intrinsics) {
        if (lefts.size() != rights.size()) {
            throw new IllegalArgumentException(lefts.size() + " left views but " + rights.size() + " right views");
        }
        Size pattern = new Size(columns, rows);
        Point3fVectorVector objects = new Point3fVectorVector();
        Point2fVectorVector leftPoints = new Point2fVectorVector();
        Point2fVectorVector rightPoints = new Point2fVectorVector();
        Size size = null;
        int used = 0;
        for (int i = 0; i < lefts.size(); i++) {
            Point2fVector l = corners(lefts.get(i), pattern);
            Point2fVector r = corners(rights.get(i), pattern);
            if (l == null || r == null) {
                continue;
            }
            Point3fVector board = new Point3fVector();
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    board.push_back(new Point3f(x, y, 0));
                }
            }
            objects.push_back(board);
            leftPoints.push_back(l);
            rightPoints.push_back(r);
            size = new Size(lefts.get(i).getWidth(), lefts.get(i).getHeight());
            used++;
        }
        if (used < 3) {
            throw new IllegalArgumentException("the chessboard was found in only " + used + " pairs; need 3 or more");
        }
        Mat k1 = OpenCvMats.doubles(3, 3, intrinsics.k1());
        Mat d1 = OpenCvMats.doubles(1, intrinsics.d1().length, intrinsics.d1());
        Mat k2 = OpenCvMats.doubles(3, 3, intrinsics.k2());
        Mat d2 = OpenCvMats.doubles(1, intrinsics.d2().length, intrinsics.d2());
        Mat r = new Mat();
        Mat t = new Mat();
        Mat e = new Mat();
        Mat f = new Mat();
        double rms = stereoCalibrate(objects, leftPoints, rightPoints, k1, d1, k2, d2, size, r, t, e, f,
                CALIB_FIX_INTRINSIC, new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-6));
        // x_right = R x_left + T → right camera-to-world (left frame) = [Rᵀ | −Rᵀ T]
        Pose rightToLeft = new Pose(OpenCvMats.doubles(r), OpenCvMats.doubles(t)).inverse();
        return new Rig(new ViewCamera(intrinsics.k1(), Pose.identity(), intrinsics.d1()),
                new ViewCamera(intrinsics.k2(), rightToLeft, intrinsics.d2()), rms, used);
    }

    private static Point2fVector corners(BufferedImage image, Size pattern) {
        Mat gray = new Mat();
        cvtColor(OpenCvMats.bgr(image), gray, COLOR_BGR2GRAY);
        Mat found = new Mat();
        if (!findChessboardCorners(gray, pattern, found, CALIB_CB_ADAPTIVE_THRESH | CALIB_CB_NORMALIZE_IMAGE)) {
            return null;
        }
        cornerSubPix(gray, found, new Size(11, 11), new Size(-1, -1),
                new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 30, 0.01));
        Mat points = new Mat();
        found.convertTo(points, CV_32FC2);
        float[] xy = new float[(int) points.total() * 2];
        ((FloatBuffer) points.createBuffer()).get(xy);
        Point2fVector out = new Point2fVector();
        for (int i = 0; i < xy.length; i += 2) {
            out.push_back(new Point2f(xy[i], xy[i + 1]));
        }
        return out;
    }
}
