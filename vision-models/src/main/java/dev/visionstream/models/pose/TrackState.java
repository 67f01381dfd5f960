package dev.visionstream.models.pose;

/**
 * What a tracker remembers of one person between frames: the shape (averaged over the first frames, then
 * fixed), how many frames went into it, the last solved pose, the last frame's time, and the mean joint residual
 * (mm) of the track's last full or refined fit: what a solver can reach on this body and motion, against which a
 * learned pose's residual is judged. A state stored before that figure existed loads with 0, which at worst
 * refines the next learned pose once, after which the figure is measured.
 */
public record TrackState(BodyShape shape, int shapeFrames, BodyPose pose, long timestampMs, long frames,
                         double reachableResidualMm) {
}
