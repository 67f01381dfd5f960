package dev.visionstream.models.pose;

/**
 * What a tracker remembers of one person between frames: the shape (averaged over the first frames, then
 * fixed), how many frames went into it, the last solved pose, and the last frame's time.
 */
public record TrackState(BodyShape shape, int shapeFrames, BodyPose pose, long timestampMs, long frames) {
}
