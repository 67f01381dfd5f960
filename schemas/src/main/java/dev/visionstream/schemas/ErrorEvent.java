package dev.visionstream.schemas;

import java.time.Instant;

/** A record that could not be processed, with why and exactly where it came from. */
public record ErrorEvent(String id, int schemaVersion, String stage, SourceCoordinates source, Instant captureTime,
                         Instant emitTime, ErrorReason reason, String message,
                         String exception) implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
}
