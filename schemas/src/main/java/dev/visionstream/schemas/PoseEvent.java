package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SMPL body pose of one tracked person: 24 axis-angle joint rotations in SMPL order, root translation, and the
 * fit's mean joint error. Additive since version 1: the same rotations as unit quaternions (w, x, y, z), the
 * fitted joints (metres), the per-joint residual to the target (mm), the solver ({@code learned},
 * {@code learned-refined}: learned then refined by a few Levenberg–Marquardt steps because its residual was well
 * above what the track reached before, or {@code iterative}), where its initialisation came from ({@code rest},
 * {@code previous}, {@code previous-after-gap}) and the solver's iteration count (Adam steps for {@code iterative},
 * Levenberg–Marquardt steps for {@code learned-refined}).
 */
public record PoseEvent(String id, int schemaVersion, String stage, SourceCoordinates source, String trackId,
                        Instant captureTime, Instant emitTime, ModelInfo model, List<List<Double>> jointRotations,
                        List<Double> rootTranslation, double meanJointErrorMm, Map<String, Double> timingsMs,
                        List<List<Double>> quaternions, List<List<Double>> fittedJoints,
                        List<Double> jointResidualsMm, String method, String initSource, Integer iterations)
        implements VisionEvent {
    public static final int SCHEMA_VERSION = 1;
    public static final String STAGE = "pose";
}
