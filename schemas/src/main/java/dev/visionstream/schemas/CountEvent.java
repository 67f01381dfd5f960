package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Class-agnostic count from exemplar boxes (CountingDINO). */
public record CountEvent(String id, int schemaVersion, String stage, SourceCoordinates source, Instant captureTime,
                         Instant emitTime, ModelInfo model, double count, List<Box> exemplars, List<Point> peaks,
                         Map<String, Double> timingsMs, ArtifactRef densityOverlay) implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "counting";
}
