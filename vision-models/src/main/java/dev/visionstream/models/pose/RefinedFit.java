package dev.visionstream.models.pose;

/** A pose found by {@link PoseRefiner}: the Levenberg–Marquardt iterations it took and its mean joint residual. */
public record RefinedFit(BodyPose pose, int iterations, double meanResidualMm) {
}
