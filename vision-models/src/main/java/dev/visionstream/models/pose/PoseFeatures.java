package dev.visionstream.models.pose;

/**
 * The learned solver's input for one (init, target) pair, all in the human-centric frame of the initial joints:
 * normalised initial joints (24×3, relative to the init pelvis), the target joints relative to their own
 * pelvis in the same axes (24×3: the pelvis translation is set, not predicted, so the network need not see it), the
 * difference of the two (24×3: what must move, made explicit so that a near-converged second pass reads small
 * corrections directly) and the initial local rotations of the 21 body joints in the spec's 6-D layout (21×6).
 * The global orientation enters only through the frame, as in the paper; the shape through the initial joints.
 * {@link FeatureScaling} standardises them before the network.
 */
public final class PoseFeatures {
    public static final int JOINT_BLOCK = SmplSkeleton.JOINTS * 3;
    public static final int SIZE = JOINT_BLOCK * 3 + (SmplSkeleton.SOLVED_JOINTS - 1) * 6;

    private PoseFeatures() {
    }

    public static void write(BodyShape shape, BodyPose init, double[][] target, float[] out, int offset) {
        double[][] rotations = init.matrices();
        double[][] initJoints = ForwardKinematics.joints(shape, rotations, init.translation());
        HumanCentricFrame frame = HumanCentricFrame.of(initJoints);
        double[][] initLocal = frame.apply(initJoints);
        double[] pelvisShift = Rotations.sub(target[SmplSkeleton.PELVIS], initJoints[SmplSkeleton.PELVIS]);
        for (int j = 0; j < SmplSkeleton.JOINTS; j++) {
            double[] goal = frame.apply(Rotations.sub(target[j], pelvisShift));
            for (int a = 0; a < 3; a++) {
                out[offset + 3 * j + a] = (float) initLocal[j][a];
                out[offset + JOINT_BLOCK + 3 * j + a] = (float) goal[a];
                out[offset + 2 * JOINT_BLOCK + 3 * j + a] = (float) (goal[a] - initLocal[j][a]);
            }
        }
        int i = offset + 3 * JOINT_BLOCK;
        for (int k = 1; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            for (double v : Rotations.toSixD(rotations[k])) {
                out[i++] = (float) v;
            }
        }
    }
}
