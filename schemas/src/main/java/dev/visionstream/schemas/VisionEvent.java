package dev.visionstream.schemas;

import java.time.Instant;

/** What every result event carries, whatever its stage. */
public interface VisionEvent {
    String id();

    int schemaVersion();

    String stage();

    SourceCoordinates source();

    Instant captureTime();

    Instant emitTime();
}
