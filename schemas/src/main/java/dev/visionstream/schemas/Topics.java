package dev.visionstream.schemas;

import java.util.List;

/** Every topic name the service reads or writes, in one place. */
public final class Topics {
    /** Encoded frames (JPEG/PNG bytes), keyed by camera id, timestamped with capture time. */
    public static final String FRAMES = "vision.frames";
    /** Per-camera configuration, compacted, read as a GlobalKTable. */
    public static final String CAMERAS = "vision.cameras";
    /** 3D joints per person per frame from upstream estimators or mocap replay. */
    public static final String KEYPOINTS_3D = "vision.keypoints3d";
    public static final String COUNTS = "vision.counts";
    public static final String INPAINTED = "vision.inpainted";
    public static final String FRAMES_INPAINTED = "vision.frames.inpainted";
    public static final String SPLATS = "vision.splats";
    public static final String POSES = "vision.poses";
    public static final String CAMERA_HEALTH = "vision.camera-health";
    public static final String ERRORS = "vision.errors";

    public static final List<String> ALL = List.of(FRAMES, CAMERAS, KEYPOINTS_3D, COUNTS, INPAINTED,
            FRAMES_INPAINTED, SPLATS, POSES, CAMERA_HEALTH, ERRORS);

    private Topics() {
    }
}
