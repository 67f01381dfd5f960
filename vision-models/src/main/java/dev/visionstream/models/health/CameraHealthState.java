package dev.visionstream.models.health;

import dev.visionstream.schemas.SourceCoordinates;

/**
 * What the health rules remember of one camera between frames; small enough for a state-store value.
 *
 * @param thumbnail      block-mean luma fingerprint of the last frame, for the frozen-video rule
 * @param identicalRun   frames in a row with the same content, the last one included
 * @param lastSeenWallMs host wall-clock time the last frame was processed, for the stall rule
 * @param stallSeconds   the camera's stall threshold at the last frame (the timer has no config of its own)
 * @param stallReported  whether the current stall was already reported, so a stall is reported once
 */
public record CameraHealthState(long lastSequence, int width, int height, byte[] thumbnail, int identicalRun,
                                SourceCoordinates lastSource, long lastCaptureMs, long lastSeenWallMs,
                                double stallSeconds, boolean stallReported) {

    public CameraHealthState withStallReported() {
        return new CameraHealthState(lastSequence, width, height, thumbnail, identicalRun, lastSource, lastCaptureMs,
                lastSeenWallMs, stallSeconds, true);
    }
}
