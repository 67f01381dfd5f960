package dev.visionstream.models.pose;

import java.util.List;

/**
 * A sequence of SMPL poses of one body at a fixed frame rate, with the joints they produce. The poses are the
 * ground truth where the clip is synthetic, and the iterative fit where it comes from mocap joints.
 *
 * @param joints the target joints per frame (24×3, metres); for mocap these are the clip's own joints
 */
public record MotionClip(String name, double fps, BodyShape shape, List<BodyPose> poses, List<double[][]> joints) {
    public MotionClip {
        if (poses.size() != joints.size()) {
            throw new IllegalArgumentException("poses and joints differ in length");
        }
        poses = List.copyOf(poses);
        joints = List.copyOf(joints);
    }

    public int frames() {
        return poses.size();
    }

    /** Frames [from, to) as a clip of their own. */
    public MotionClip slice(int from, int to) {
        return new MotionClip(name, fps, shape, poses.subList(from, to), joints.subList(from, to));
    }
}
