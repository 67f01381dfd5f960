package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A 3D Gaussian scene built from the views of one rig. {@code source} is view 0; {@code views} lists all of them.
 */
public record SplatEvent(String id, int schemaVersion, String stage, String rigId, SourceCoordinates source,
                         List<SourceCoordinates> views, Instant captureTime, Instant emitTime, ModelInfo model,
                         long gaussians, ArtifactRef scene, ArtifactRef preview, Map<String, Double> timingsMs)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "splatting";
}
