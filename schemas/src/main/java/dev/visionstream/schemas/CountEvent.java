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
 * @param count     the estimate named by {@code estimator}
 * @param warnings  adjustments made to the input, for example a clipped exemplar box (added in schema version 1,
 *                  optional)
 * @param estimator {@code verified}, {@code instances} or {@code density}: which estimate {@code count} is (added in
 *                  version 1)
 * @param densityCount the sum of the density map, the paper's estimate (added in version 1)
 * @param instanceCount how many density peaks were kept as objects (added in version 1)
 * @param instances the kept peaks, in source pixels, strongest first (added in version 1)
 * @param verifiedCount how many candidates the learned instance verifier kept (added in version 1; absent where the
 *                  verifier does not fit the backbone)
 * @param verifiedInstances those objects, in source pixels, most probable first; a point's value is the verifier's
 *                  probability (added in version 1)
 */
public record CountEvent(String id, int schemaVersion, String stage, SourceCoordinates source, Instant captureTime,
                         Instant emitTime, ModelInfo model, double count, List<Box> exemplars, List<Point> peaks,
                         Map<String, Double> timingsMs, ArtifactRef densityOverlay, List<String> warnings,
                         String estimator, Double densityCount, Integer instanceCount, List<Point> instances,
                         Integer verifiedCount, List<Point> verifiedInstances)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "counting";
}
