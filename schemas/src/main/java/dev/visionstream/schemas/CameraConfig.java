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
 * @param source    where an ingest process reads the camera; null when frames come from elsewhere. Ingest applies
 *                  {@code policy} too: live keeps the newest frame, replay sends every frame
 * @param camera    intrinsics and, when known, pose of this camera (splatting)
 * @param rig       how the splatting stage groups this camera's frames into scenes
 * @param inpainting inpainting method and mask checksum (null: defaults)
 * @param counting  which count estimate the camera's count events report (null: defaults)
 */
public record CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                           List<Box> exemplars, String maskUri, String rigId, Integer viewIndex, CameraSource source,
                           CameraCalibration camera, RigSettings rig, InpaintSettings inpainting,
                           CountingSettings counting) {
    public static final int SCHEMA_VERSION = 1;

    public CameraConfig {
        stages = stages == null ? List.of() : List.copyOf(stages);
        policy = policy == null ? "live" : policy;
        health = health == null ? HealthThresholds.DEFAULTS : health;
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
        rig = rig == null ? RigSettings.DEFAULTS : rig;
    }

    /** The configuration of the first schema version: no ingest source, calibration or rig settings. */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, null, null, null, null, null);
    }

    /** A camera an ingest process reads, with no splatting calibration. */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex, CameraSource source) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, source, null, null, null, null);
    }

    /** A camera whose frames are inpainted, with no ingest source or rig. */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex,
                        InpaintSettings inpainting) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, null, null, null, inpainting,
                null);
    }

    /** A camera of a splatting rig, with no ingest source. */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, String maskUri, String rigId, Integer viewIndex,
                        CameraCalibration camera, RigSettings rig) {
        this(cameraId, stages, policy, health, exemplars, maskUri, rigId, viewIndex, null, camera, rig, null, null);
    }

    /** A counting camera whose events report {@code counting}'s estimator. */
    public CameraConfig(String cameraId, List<String> stages, String policy, HealthThresholds health,
                        List<Box> exemplars, CountingSettings counting) {
        this(cameraId, stages, policy, health, exemplars, null, null, null, null, null, null, null, counting);
    }

    public boolean livePolicy() {
        return !"replay".equals(policy);
    }

    public boolean enables(String stage) {
        return stages.contains(stage);
    }
}
