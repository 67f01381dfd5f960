package dev.visionstream.schemas;

import java.util.List;

/**
 * A camera's calibration: pixel intrinsics {@code k} (3×3 row-major), optionally its pose {@code camToWorld}
 * (4×4 row-major, OpenCV axes: +X right, +Y down, +Z forward) in the rig's frame and units, and OpenCV lens
 * distortion (k1, k2, p1, p2[, k3]).
 */
public record CameraCalibration(List<Double> k, List<Double> camToWorld, List<Double> distortion) {
}
