package dev.visionstream.app.topology;

import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.SourceCoordinates;
import java.time.Instant;

/** Builds error events with ids derived from the failing record, so a retry does not look like a new error. */
public final class ErrorEvents {
    private ErrorEvents() {
    }

    public static Publication of(String stage, SourceCoordinates source, Instant captureTime, ErrorReason reason,
                                 String message, Throwable cause) {
        String exception = cause == null ? null : cause.getClass().getName();
        return Publication.error(new ErrorEvent(EventIds.of(stage, source, reason.name()), ErrorEvent.SCHEMA_VERSION,
                stage, source, captureTime, Instant.now(), reason, message, exception));
    }
}
