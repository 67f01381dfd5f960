package dev.visionstream.models.health;

import dev.visionstream.models.image.LumaImage;
import dev.visionstream.schemas.SourceCoordinates;

/**
 * One decoded frame as the health rules see it.
 *
 * @param width  and {@code height}: the frame's full resolution (the luma image may be subsampled)
 */
public record FrameObservation(long sequence, int width, int height, LumaImage luma, SourceCoordinates source,
                               long captureMs, long wallMs) {
}
