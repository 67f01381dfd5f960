package dev.visionstream.models.pose;

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
