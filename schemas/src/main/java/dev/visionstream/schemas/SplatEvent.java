package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A 3D Gaussian scene built from the views of one rig. {@code source} is view 0; {@code views} lists all of them.
 * {@code model} names the predictor (built-in stereo default or a user-supplied network).
 *
 * @param gaussians              Gaussians in the scene after opacity pruning
 * @param gaussiansBeforePruning Gaussians of the kept views before pruning
 * @param poses                  camera-to-world 4×4 (row-major) of every view in the scene's normalised frame
 * @param intrinsics             pixel K (3×3 row-major) of every view at {@code width × height}
 * @param bounds                 scene bounds {min x, min y, min z, max x, max y, max z}, normalised frame
 * @param scale                  the largest distance between camera centres divided out of the input poses
 * @param missingViews           view indices that had not arrived when the scene was built (timeout)
 */
public record SplatEvent(String id, int schemaVersion, String stage, String rigId, SourceCoordinates source,
                         List<SourceCoordinates> views, Instant captureTime, Instant emitTime, ModelInfo model,
                         long gaussians, ArtifactRef scene, ArtifactRef preview, Map<String, Double> timingsMs,
                         Integer viewCount, Long gaussiansBeforePruning, List<List<Double>> poses,
                         List<List<Double>> intrinsics, Integer width, Integer height, List<Double> bounds,
                         Double scale, List<Integer> missingViews, List<Integer> keptViews)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "splatting";

    /** The event without the scene details added later. */
    public SplatEvent(String id, int schemaVersion, String stage, String rigId, SourceCoordinates source,
                      List<SourceCoordinates> views, Instant captureTime, Instant emitTime, ModelInfo model,
                      long gaussians, ArtifactRef scene, ArtifactRef preview, Map<String, Double> timingsMs) {
        this(id, schemaVersion, stage, rigId, source, views, captureTime, emitTime, model, gaussians, scene, preview,
                timingsMs, null, null, null, null, null, null, null, null, null, null);
    }
}
