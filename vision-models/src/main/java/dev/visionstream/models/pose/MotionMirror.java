package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Left/right mirror image of a motion clip, in closed form, so that real motion counts twice without a new fit.
 * With S = diag(−1, 1, 1) (a reflection of the world's x) and L/R joints swapped: joints j'ₖ = S·j_swap(k), rest
 * offsets o'ₖ = S·o_swap(k), local rotations R'ₖ = S·R_swap(k)·S (still rotations: an axis-angle (x, y, z) becomes
 * (x, −y, −z)) and the translation S·t; forward kinematics of the mirrored shape and pose gives exactly the mirrored
 * joints, and the SMPL joint limits, which are mirror images for L and R, still hold.
 */
public final class MotionMirror {
    private static final int[] SWAP = swap();

    private MotionMirror() {
    }

    public static MotionClip mirror(MotionClip clip) {
        List<BodyPose> poses = new ArrayList<>(clip.frames());
        List<double[][]> joints = new ArrayList<>(clip.frames());
        for (int f = 0; f < clip.frames(); f++) {
            poses.add(pose(clip.poses().get(f)));
            joints.add(points(clip.joints().get(f)));
        }
        return new MotionClip(clip.name() + "-mirrored", clip.fps(), new BodyShape(points(clip.shape().offsets())),
                poses, joints);
    }

    static BodyPose pose(BodyPose pose) {
        double[][] aa = pose.axisAngles();
        double[][] out = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            double[] v = aa[SWAP[k]];
            out[k] = new double[] {v[0], -v[1], -v[2]};
        }
        double[] t = pose.translation();
        return new BodyPose(out, new double[] {-t[0], t[1], t[2]});
    }

    /** S·p_swap(k) for every joint row (positions or offsets). */
    static double[][] points(double[][] rows) {
        double[][] out = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            double[] p = rows[SWAP[k]];
            out[k] = new double[] {-p[0], p[1], p[2]};
        }
        return out;
    }

    /** Each joint's mirror partner by name (L_x ↔ R_x), itself on the midline. */
    private static int[] swap() {
        int[] swap = new int[SmplSkeleton.JOINTS];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            String name = SmplSkeleton.NAMES.get(k);
            String partner = name.startsWith("L_") ? "R_" + name.substring(2)
                    : name.startsWith("R_") ? "L_" + name.substring(2) : name;
            swap[k] = SmplSkeleton.index(partner);
        }
        return swap;
    }
}
