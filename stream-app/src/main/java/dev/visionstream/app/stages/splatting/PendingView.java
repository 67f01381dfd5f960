package dev.visionstream.app.stages.splatting;

import dev.visionstream.schemas.CameraCalibration;
import dev.visionstream.schemas.SourceCoordinates;

/** One view waiting in a pending scene: the encoded frame and where it came from. */
public record PendingView(int viewIndex, String cameraId, SourceCoordinates source, long captureMs,
                          String contentType, byte[] encoded, CameraCalibration camera) {
}
