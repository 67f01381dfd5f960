package dev.visionstream.schemas;

/** One rule that fired, with the measured value and the threshold it crossed. */
public record HealthFinding(HealthKind kind, String message, double value, double threshold) {
}
