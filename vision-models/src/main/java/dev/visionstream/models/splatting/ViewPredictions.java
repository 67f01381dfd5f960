package dev.visionstream.models.splatting;

import java.util.List;

/**
 * A predictor's per-view output: Gaussians in each view's camera frame, each view's camera-to-world pose in the
 * normalised frame (view 0 at the origin, largest camera distance 1), and the pixel K at the Gaussians' resolution.
 */
public record ViewPredictions(List<LocalGaussians> gaussians, List<Pose> poses, List<double[]> intrinsics) {
    public ViewPredictions {
        if (gaussians.size() != poses.size() || gaussians.size() != intrinsics.size()) {
            throw new IllegalArgumentException("predictions disagree on the number of views");
        }
        gaussians = List.copyOf(gaussians);
        poses = List.copyOf(poses);
        intrinsics = List.copyOf(intrinsics);
    }
}
