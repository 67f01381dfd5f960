package dev.visionstream.models.pose;

/** A pose found by {@link IterativeSolver}, with the Adam iterations it took. */
public record IterativeFit(BodyPose pose, int iterations) {
}
