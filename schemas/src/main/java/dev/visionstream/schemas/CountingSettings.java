package dev.visionstream.schemas;

/**
 * Per-camera counting settings.
 *
 * @param estimator {@code instances} or {@code density}: which estimate a count event's {@code count} reports
 *                  (null: the service default; both are always in the event)
 */
public record CountingSettings(String estimator) {
}
