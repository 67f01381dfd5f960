package dev.visionstream.schemas;

import java.util.List;

/**
 * Per-camera configuration, the value of the compacted {@link Topics#CAMERAS} topic keyed by camera id.
 *
 * @param stages    stage names enabled for this camera (for example {@code camera-health}, {@code counting})
 * @param policy    {@code live} (drop to stay current) or {@code replay} (never drop)
 * @param exemplars exemplar boxes for counting, in source-frame pixels
 * @param maskUri   inpainting mask location
 * @param rigId     multi-view rig this camera belongs to, with its {@code viewIndex}
 * @param camera    intrinsics and, when known, pose of this camera (splatting)
 * @param rig       how the splatting stage groups this camera's frames into scenes
 */
public record CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                           List<Box> exemplars, String maskUri, String rigId, Integer viewIndex,
                           CameraCalibration camera, RigSettings rig) {
    public static final int SCHEMA_VERSION = 1;

    public CameraConfig {
        stages = stages == null ? List.of() : List.copyOf(stages);
        policy = policy == null ? "live" : policy;
        health = health == null ? HealthThresholds.DEFAULTS : health;
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
        rig = rig == null ? RigSettings.DEFAULTS : rig;
    }

    /** The configuration without calibration or rig settings (fields added later default). */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, null, null);
    }

    public boolean enables(String stage) {
        return stages.contains(stage);
    }
}
