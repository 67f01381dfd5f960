package dev.visionstream.ingest.live;

import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.HealthFinding;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import dev.visionstream.schemas.VisionEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where ingest reports what happens to its cameras: connection health on {@link Topics#CAMERA_HEALTH} and source
 * failures on {@link Topics#ERRORS}. Implementations must not throw and must be thread-safe: every camera calls in.
 */
public interface IngestEvents {
    /** The {@code stage} of every event ingest writes. */
    String STAGE = "ingest";

    /** Kinds that are not a problem: reported with status {@code ok}. */
    Set<HealthKind> RECOVERIES = Set.of(HealthKind.RECONNECTED);

    void publish(VisionEvent event);

    /** Events go nowhere: for runs nobody watches. */
    IngestEvents NONE = event -> { };

    /**
     * A health event about {@code cameraId}'s connection. The source names the frames topic with no offset (no one
     * record caused it) and the last sequence produced, so it reads like the topology's stall events.
     */
    static CameraHealthEvent health(String cameraId, Long lastSequence, HealthKind kind, String message, double value,
                                    double threshold) {
        SourceCoordinates source = new SourceCoordinates(cameraId, Topics.FRAMES, null, null, lastSequence);
        Instant now = Instant.now();
        return new CameraHealthEvent(EventIds.of(STAGE, source, kind.name()), CameraHealthEvent.SCHEMA_VERSION, STAGE,
                source, now, now, RECOVERIES.contains(kind) ? "ok" : "alert",
                List.of(new HealthFinding(kind, message, value, threshold)), null);
    }

    /** An error event about {@code cameraId}'s source. */
    static ErrorEvent error(String cameraId, Long lastSequence, ErrorReason reason, String message,
                            Throwable cause) {
        SourceCoordinates source = new SourceCoordinates(cameraId, Topics.FRAMES, null, null, lastSequence);
        Instant now = Instant.now();
        return new ErrorEvent(EventIds.of(STAGE, source, reason.name()), ErrorEvent.SCHEMA_VERSION, STAGE, source, now,
                now, reason, message, cause == null ? null : cause.getClass().getName());
    }
}
