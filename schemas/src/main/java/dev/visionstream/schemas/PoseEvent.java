package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SMPL body pose of one tracked person: 24 axis-angle joint rotations in SMPL order, root translation, and the
 * fit's mean joint error.
 */
public record PoseEvent(String id, int schemaVersion, String stage, SourceCoordinates source, String trackId,
                        Instant captureTime, Instant emitTime, ModelInfo model, List<List<Double>> jointRotations,
                        List<Double> rootTranslation, double meanJointErrorMm, Map<String, Double> timingsMs)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "pose";
}
