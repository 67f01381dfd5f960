package dev.visionstream.models.splatting;

import java.util.Arrays;

/**
 * What is known about one view's camera: pixel intrinsics K (row-major 3×3), optionally its camera-to-world pose
 * (OpenCV axes) and lens distortion (OpenCV k1, k2, p1, p2[, k3]).
 */
public record ViewCamera(double[] k, Pose camToWorld, double[] distortion) {
    public ViewCamera {
        if (k == null || k.length != 9) {
            throw new IllegalArgumentException("K must be 3×3 (9 numbers)");
        }
        if (!(k[0] > 0) || !(k[4] > 0) || !Double.isFinite(k[0]) || !Double.isFinite(k[4])) {
            throw new IllegalArgumentException("intrinsics need a positive focal length, got fx=" + k[0]
                    + " fy=" + k[4]);
        }
        k = k.clone();
        distortion = distortion == null ? new double[0] : distortion.clone();
        if (distortion.length != 0 && distortion.length != 4 && distortion.length != 5 && distortion.length != 8) {
            throw new IllegalArgumentException("distortion needs 4, 5 or 8 OpenCV coefficients, got "
                    + distortion.length);
        }
    }

    public ViewCamera withPose(Pose pose) {
        return new ViewCamera(k, pose, distortion);
    }

    public boolean hasDistortion() {
        return Arrays.stream(distortion).anyMatch(d -> d != 0);
    }

    @Override
    public double[] k() {
        return k.clone();
    }

    @Override
    public double[] distortion() {
        return distortion.clone();
    }
}
