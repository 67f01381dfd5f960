package dev.visionstream.schemas;

/** The camera-health rules. */
public enum HealthKind {
    FROZEN, BLACK, OVEREXPOSED, SEQUENCE_GAP, STALL, RESOLUTION_CHANGE
}
