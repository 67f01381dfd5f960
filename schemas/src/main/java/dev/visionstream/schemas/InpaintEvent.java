package dev.visionstream.schemas;

import java.time.Instant;
import java.util.Map;

/** An inpainted frame: the method, how much was filled, and where the result image is. */
public record InpaintEvent(String id, int schemaVersion, String stage, SourceCoordinates source, Instant captureTime,
                           Instant emitTime, ModelInfo model, String method, double maskFraction, ArtifactRef output,
                           Map<String, Double> timingsMs) implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "inpainting";
}
