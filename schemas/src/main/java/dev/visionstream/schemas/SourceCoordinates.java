package dev.visionstream.schemas;

/**
 * Where an event came from: the camera and the exact input record. {@code offset} and {@code partition} are
 * null only for events not caused by one record (for example a stall found by a wall-clock timer, which then
 * points at the last frame seen).
 */
public record SourceCoordinates(String cameraId, String topic, Integer partition, Long offset, Long sequence) {
}
