package dev.visionstream.schemas;

/**
 * What a camera-health finding is about. The first six are the topology's per-frame rules; the rest are reported by
 * ingest about the camera's connection (ingest also reports {@link #STALL} and {@link #RESOLUTION_CHANGE} when it
 * sees them on the wire).
 */
public enum HealthKind {
    FROZEN, BLACK, OVEREXPOSED, SEQUENCE_GAP, STALL, RESOLUTION_CHANGE,
    /** Ingest lost the camera (stream ended, read error, or forced off after a stall). */
    DISCONNECTED,
    /** Ingest is receiving frames again after a disconnect; {@code value} is the downtime in seconds. */
    RECONNECTED,
    /** Live policy dropped the oldest frames because producing fell behind; {@code value} is how many. */
    FRAMES_DROPPED
}
