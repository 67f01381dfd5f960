package dev.visionstream.models.pose;

/**
 * The learned solver's input for one (init, target) pair, all in the human-centric frame of the initial joints
 * (spec §4): normalised initial joints (24×3), normalised target joints (24×3) and the initial local rotations of
 * the 21 body joints in the spec's 6-D layout (21×6). The global orientation enters only through the frame, as
 * in the paper; the shape enters through the initial joints.
 */
public final class PoseFeatures {
    public static final int SIZE = SmplSkeleton.JOINTS * 3 * 2 + (SmplSkeleton.SOLVED_JOINTS - 1) * 6;

    private PoseFeatures() {
    }

    public static void write(BodyShape shape, BodyPose init, double[][] target, float[] out, int offset) {
        double[][] rotations = init.matrices();
        double[][] initJoints = ForwardKinematics.joints(shape, rotations, init.translation());
        HumanCentricFrame frame = HumanCentricFrame.of(initJoints);
        int i = offset;
        for (double[] p : frame.apply(initJoints)) {
            for (double v : p) {
                out[i++] = (float) v;
            }
        }
        for (double[] p : frame.apply(target)) {
            for (double v : p) {
                out[i++] = (float) v;
            }
        }
        for (int k = 1; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            for (double v : Rotations.toSixD(rotations[k])) {
                out[i++] = (float) v;
            }
        }
    }
}
