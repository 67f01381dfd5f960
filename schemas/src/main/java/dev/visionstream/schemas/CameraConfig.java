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
 * @param inpainting inpainting method and mask checksum (null: defaults)
 */
public record CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                           List<Box> exemplars, String maskUri, String rigId, Integer viewIndex,
                           InpaintSettings inpainting) {
    public static final int SCHEMA_VERSION = 1;

    public CameraConfig {
        stages = stages == null ? List.of() : List.copyOf(stages);
        policy = policy == null ? "live" : policy;
        health = health == null ? HealthThresholds.DEFAULTS : health;
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
    }

    /** The configuration without inpainting settings (the fields of schema version 1). */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, null);
    }

    public boolean enables(String stage) {
        return stages.contains(stage);
    }
}
