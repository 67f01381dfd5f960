package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One health evaluation: per frame (with {@code frame} stats) or from the stall timer (no frame stats).
 * {@code status} is {@code ok} when no rule fired, otherwise {@code alert}.
 */
public record CameraHealthEvent(String id, int schemaVersion, String stage, SourceCoordinates source,
                                Instant captureTime, Instant emitTime, String status, List<HealthFinding> findings,
                                FrameStats frame) implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "camera-health";
}
