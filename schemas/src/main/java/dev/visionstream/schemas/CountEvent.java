package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Class-agnostic count from exemplar boxes (CountingDINO).
 *
 * @param model     the feature backbone (name, version, provenance)
 * @param exemplars the boxes as used, in source pixels (clipped to the frame)
 * @param peaks     local maxima of the density map, in source pixels
 * @param warnings  adjustments made to the input, for example a clipped exemplar box (added in schema version 1,
 *                  optional)
 */
public record CountEvent(String id, int schemaVersion, String stage, SourceCoordinates source, Instant captureTime,
                         Instant emitTime, ModelInfo model, double count, List<Box> exemplars, List<Point> peaks,
                         Map<String, Double> timingsMs, ArtifactRef densityOverlay, List<String> warnings)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "counting";
}
