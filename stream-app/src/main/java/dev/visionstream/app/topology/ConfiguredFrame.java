package dev.visionstream.app.topology;

/** A frame record's bytes joined with its camera's raw config JSON (null when the camera is unknown). */
public record ConfiguredFrame(byte[] bytes, String configJson) {
}
