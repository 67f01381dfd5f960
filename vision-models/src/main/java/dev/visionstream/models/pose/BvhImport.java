package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a BVH clip, or any skeleton in motion, into SMPL-24 target joints in metres: joints mapped by the
 * skeleton's topology ({@link SkeletonTopology}, whatever the naming), frames resampled to the requested rate, the
 * body's up axis turned onto +Y (3ds Max and Unreal write Z-up), units scaled so that the legs (hip to knee to
 * ankle, first frame) are as long as the rest skeleton's, which handles CMU's inch-based units and Mixamo's
 * centimetres alike.
 */
public final class BvhImport {
    private BvhImport() {
    }

    /** Joints per frame at about {@code fps} (every n-th file frame, n = round(file rate / fps), at least 1). */
    public static List<double[][]> joints(BvhClip clip, double fps) {
        return joints(clip.motion("bvh"), fps);
    }

    /** Joints per frame at about {@code fps} (every n-th frame, n = round(motion rate / fps), at least 1). */
    public static List<double[][]> joints(SkeletonMotion motion, double fps) {
        JointMapping mapping = SkeletonTopology.of(motion).mapping();
        int step = Math.max(1, (int) Math.round(motion.fps() / fps));
        List<double[][]> out = new ArrayList<>();
        for (int f = 0; f < motion.frameCount(); f += step) {
            out.add(mapping.apply(motion.names(), motion.frames().get(f)));
        }
        double[] toYUp = UpAxis.rotationToYUp(upEvidence(out));
        double scale = legLength(BodyShape.template().restJoints()) / legLength(out.get(0));
        for (double[][] j : out) {
            for (int k = 0; k < j.length; k++) {
                j[k] = Rotations.apply(toYUp, j[k]);
                for (int i = 0; i < 3; i++) {
                    j[k][i] *= scale;
                }
            }
        }
        return out;
    }

    /**
     * The body's up direction over the whole clip: per frame the unit pelvis-to-chest and mid-ankle-to-pelvis
     * directions, summed. One frame alone misleads when the clip opens bent over or lying down.
     */
    private static double[] upEvidence(List<double[][]> frames) {
        double[] up = new double[3];
        for (double[][] j : frames) {
            double[] spine = Rotations.sub(j[SmplSkeleton.SPINE3], j[SmplSkeleton.PELVIS]);
            double[] pelvis = j[SmplSkeleton.PELVIS];
            double[] legs = new double[3];
            for (int i = 0; i < 3; i++) {
                legs[i] = pelvis[i] - (j[SmplSkeleton.L_ANKLE][i] + j[SmplSkeleton.R_ANKLE][i]) / 2;
            }
            for (double[] v : List.of(spine, legs)) {
                if (Rotations.norm(v) > 0) {
                    double[] unit = Rotations.normalize(v);
                    for (int i = 0; i < 3; i++) {
                        up[i] += unit[i];
                    }
                }
            }
        }
        return up;
    }

    /** The rate {@link #joints} produces for {@code fps}. */
    public static double rate(BvhClip clip, double fps) {
        int step = Math.max(1, (int) Math.round(1.0 / (clip.frameTime() * fps)));
        return 1.0 / (clip.frameTime() * step);
    }

    private static double legLength(double[][] j) {
        return Rotations.norm(Rotations.sub(j[4], j[1])) + Rotations.norm(Rotations.sub(j[7], j[4]))
                + Rotations.norm(Rotations.sub(j[5], j[2])) + Rotations.norm(Rotations.sub(j[8], j[5]));
    }
}
