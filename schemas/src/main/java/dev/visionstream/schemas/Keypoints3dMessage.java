package dev.visionstream.schemas;

import java.time.Instant;
import java.util.List;

/**
 * 3D joints of one tracked person in one frame, from an upstream pose estimator or a mocap replay
 * ({@code vision.keypoints3d}, keyed by track id). Coordinates in metres in any fixed world frame.
 *
 * @param format {@code smpl24} (24 joints in SMPL order), {@code mediapipe33} (MediaPipe Pose world landmarks in
 *               index order) or {@code named} (one entry of {@code names} per joint: SMPL, CMU or Mixamo names)
 * @param names  joint names, only for {@code named}
 */
public record Keypoints3dMessage(String trackId, String cameraId, String format, List<String> names,
                                 List<List<Double>> joints, Instant timestamp) {
    public static final String SMPL24 = "smpl24";
    public static final String MEDIAPIPE33 = "mediapipe33";
    public static final String NAMED = "named";
}
