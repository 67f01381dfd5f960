package dev.visionstream.models.pose;

/**
 * Estimates a track's {@link BodyShape} from observed joints. A bone with a single-child parent keeps the
 * template's rest direction and takes the observed length, so rotations keep SMPL's meaning. At the two branch
 * joints (pelvis: hips and spine; Spine3: neck and collars) the children form a rigid layout whose angles differ
 * between skeletons (CMU hips sit forward of the pelvis, for example); there the observed layout is rotated into
 * the template's orientation (the frame spanned by left-minus-right child and the middle child) and kept as is,
 * so that a non-SMPL skeleton is reachable exactly.
 */
public final class BodyShapeEstimator {
    private static final int[][] BRANCHES = {
            // parent, left child, right child, middle child
            {SmplSkeleton.PELVIS, SmplSkeleton.L_HIP, SmplSkeleton.R_HIP, 3},
            {SmplSkeleton.SPINE3, 13, 14, SmplSkeleton.NECK}};

    private BodyShapeEstimator() {
    }

    /** The shape of one frame of 24 joints (metres, any orientation). */
    public static BodyShape estimate(double[][] joints) {
        BodyShape template = BodyShape.template();
        double[][] offsets = new double[SmplSkeleton.JOINTS][3];
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            double[] dir = Rotations.normalize(template.offset(k));
            double length = Rotations.norm(Rotations.sub(joints[k], joints[SmplSkeleton.parent(k)]));
            offsets[k] = new double[] {dir[0] * length, dir[1] * length, dir[2] * length};
        }
        for (int[] branch : BRANCHES) {
            int p = branch[0];
            double[] toTemplate = Rotations.transpose(AxisFrame.alignment(
                    Rotations.sub(template.offset(branch[1]), template.offset(branch[2])), template.offset(branch[3]),
                    Rotations.sub(joints[branch[1]], joints[branch[2]]), Rotations.sub(joints[branch[3]], joints[p])));
            for (int c = 1; c < branch.length; c++) {
                offsets[branch[c]] = Rotations.apply(toTemplate, Rotations.sub(joints[branch[c]], joints[p]));
            }
        }
        return new BodyShape(offsets);
    }

    /**
     * Largest relative change of a bone length of {@code joints} against {@code shape}, over bones of at least
     * {@code minBone} metres (shorter ones are dominated by keypoint noise).
     */
    public static double maxBoneChange(BodyShape shape, double[][] joints, double minBone) {
        double worst = 0;
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            double rest = shape.boneLength(k);
            if (rest < minBone) {
                continue;
            }
            double observed = Rotations.norm(Rotations.sub(joints[k], joints[SmplSkeleton.parent(k)]));
            worst = Math.max(worst, Math.abs(observed / rest - 1));
        }
        return worst;
    }

    /**
     * The rest pose turned to face like {@code joints}: the root rotation that carries the rest pelvis frame
     * (left hip minus right hip, pelvis to neck) onto the observed one, pelvis on the observed pelvis. The
     * iterative solver starts new tracks here, so a person facing away does not start 180° off.
     */
    public static BodyPose alignedRest(BodyShape shape, double[][] joints) {
        double[][] rest = shape.restJoints();
        double[] root = AxisFrame.alignment(
                Rotations.sub(rest[SmplSkeleton.L_HIP], rest[SmplSkeleton.R_HIP]), rest[SmplSkeleton.NECK],
                Rotations.sub(joints[SmplSkeleton.L_HIP], joints[SmplSkeleton.R_HIP]),
                Rotations.sub(joints[SmplSkeleton.NECK], joints[SmplSkeleton.PELVIS]));
        double[][] aa = new double[SmplSkeleton.JOINTS][3];
        aa[0] = Rotations.toAxisAngle(root);
        return new BodyPose(aa, joints[SmplSkeleton.PELVIS]);
    }

    /**
     * {@code pose} with its global orientation replaced by the one that carries the rest pelvis triangle (hips and
     * Spine1, which move with the root alone) onto the observed one, and its pelvis on the observed pelvis.
     */
    public static BodyPose withPelvisAligned(BodyShape shape, BodyPose pose, double[][] joints) {
        double[] root = AxisFrame.alignment(
                Rotations.sub(shape.offset(SmplSkeleton.L_HIP), shape.offset(SmplSkeleton.R_HIP)), shape.offset(3),
                Rotations.sub(joints[SmplSkeleton.L_HIP], joints[SmplSkeleton.R_HIP]),
                Rotations.sub(joints[3], joints[SmplSkeleton.PELVIS]));
        double[][] aa = pose.axisAngles();
        aa[0] = Rotations.toAxisAngle(root);
        return new BodyPose(aa, joints[SmplSkeleton.PELVIS]);
    }
}
