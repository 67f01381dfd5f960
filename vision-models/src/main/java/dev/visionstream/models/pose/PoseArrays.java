package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/** Packs shapes, poses and joints into flat float arrays (row-major B×24×3) for DJL, and back. */
final class PoseArrays {
    private PoseArrays() {
    }

    static float[] offsets(List<BodyShape> shapes) {
        float[] out = new float[shapes.size() * SmplSkeleton.JOINTS * 3];
        for (int b = 0; b < shapes.size(); b++) {
            put(out, b, shapes.get(b).offsets());
        }
        return out;
    }

    static float[] joints(List<double[][]> joints) {
        float[] out = new float[joints.size() * SmplSkeleton.JOINTS * 3];
        for (int b = 0; b < joints.size(); b++) {
            put(out, b, joints.get(b));
        }
        return out;
    }

    static float[] axisAngles(List<BodyPose> poses) {
        float[] out = new float[poses.size() * SmplSkeleton.JOINTS * 3];
        for (int b = 0; b < poses.size(); b++) {
            put(out, b, poses.get(b).axisAngles());
        }
        return out;
    }

    static float[] translations(List<BodyPose> poses) {
        float[] out = new float[poses.size() * 3];
        for (int b = 0; b < poses.size(); b++) {
            double[] t = poses.get(b).translation();
            for (int i = 0; i < 3; i++) {
                out[3 * b + i] = (float) t[i];
            }
        }
        return out;
    }

    /** Local rotation matrices of every pose, (B, 24, 3, 3) row-major. */
    static float[] rotations(List<BodyPose> poses) {
        float[] out = new float[poses.size() * SmplSkeleton.JOINTS * 9];
        for (int b = 0; b < poses.size(); b++) {
            double[][] m = poses.get(b).matrices();
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                for (int i = 0; i < 9; i++) {
                    out[(b * SmplSkeleton.JOINTS + k) * 9 + i] = (float) m[k][i];
                }
            }
        }
        return out;
    }

    /** Poses from (B, 24, 3, 3) local rotations (re-orthonormalised), each pelvis on its target's pelvis. */
    static List<BodyPose> posesFromRotations(float[] rotations, List<double[][]> targets) {
        List<BodyPose> poses = new ArrayList<>(targets.size());
        for (int b = 0; b < targets.size(); b++) {
            double[][] m = new double[SmplSkeleton.JOINTS][9];
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                for (int i = 0; i < 9; i++) {
                    m[k][i] = rotations[(b * SmplSkeleton.JOINTS + k) * 9 + i];
                }
                m[k] = Rotations.orthonormalize(m[k]);
            }
            poses.add(BodyPose.fromMatrices(m, targets.get(b)[SmplSkeleton.PELVIS]));
        }
        return poses;
    }

    static BodyPose pose(float[] axisAngles, float[] translations, int b) {
        double[][] aa = new double[SmplSkeleton.JOINTS][3];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            for (int i = 0; i < 3; i++) {
                aa[k][i] = axisAngles[(b * SmplSkeleton.JOINTS + k) * 3 + i];
            }
        }
        return new BodyPose(aa, new double[] {translations[3 * b], translations[3 * b + 1], translations[3 * b + 2]});
    }

    private static void put(float[] out, int b, double[][] rows) {
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            for (int i = 0; i < 3; i++) {
                out[(b * SmplSkeleton.JOINTS + k) * 3 + i] = (float) rows[k][i];
            }
        }
    }
}
