package dev.visionstream.app.topology;

import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.SourceCoordinates;
import java.awt.image.BufferedImage;
import java.time.Instant;

/**
 * A frame admitted to the stages: decoded once, with where it came from and its camera's configuration.
 * It only travels between processors of one task, so it needs no serde.
 *
 * @param sequence the frame's sequence number, or -1 when the producer sent none
 */
public record StageInput(String cameraId, SourceCoordinates source, Instant captureTime, long sequence,
                         CameraConfig config, String contentType, byte[] encoded, BufferedImage image) {
}
