package dev.visionstream.models.splatting;

import java.util.ArrayList;
import java.util.List;

/**
 * YoNoSplat's scene normalisation: every pose is re-expressed relative to view 0
 * ({@code T_i ← T_0⁻¹ T_i}) and translations are divided by {@code s = max_{i<j} |c_i − c_j|}, the largest
 * distance between two camera centres. Re-anchoring and scaling commute.
 */
public final class CameraNormalization {
    /** Below this pairwise spread the training code skips a sample; here it is an error. */
    public static final double MIN_BASELINE = 1e-3;

    private CameraNormalization() {
    }

    /** Poses relative to view 0 in units of the largest camera distance, with the scale that was divided out. */
    public record NormalizedPoses(List<Pose> poses, double scale, Pose anchor) {
        /** Maps a camera-to-world pose given in the input frame and units into the normalised frame. */
        public Pose normalize(Pose camToWorld) {
            return anchor.inverse().compose(camToWorld).withTranslationScaled(1 / scale);
        }
    }

    public static List<Pose> reanchor(List<Pose> poses) {
        Pose inv = poses.get(0).inverse();
        List<Pose> out = new ArrayList<>(poses.size());
        for (Pose p : poses) {
            out.add(inv.compose(p));
        }
        return out;
    }

    public static double maxPairwiseDistance(List<Pose> poses) {
        double max = 0;
        for (int i = 0; i < poses.size(); i++) {
            double[] a = poses.get(i).centre();
            for (int j = i + 1; j < poses.size(); j++) {
                double[] b = poses.get(j).centre();
                double dx = a[0] - b[0];
                double dy = a[1] - b[1];
                double dz = a[2] - b[2];
                max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
        }
        return max;
    }

    /**
     * @throws IllegalArgumentException when fewer than two poses are given or all camera centres coincide
     *                                  (within {@link #MIN_BASELINE}): the scene has no scale then
     */
    public static NormalizedPoses normalize(List<Pose> poses) {
        if (poses.size() < 2) {
            throw new IllegalArgumentException("scale normalisation needs at least two cameras, got " + poses.size());
        }
        double s = maxPairwiseDistance(poses);
        if (!(s >= MIN_BASELINE)) {
            throw new IllegalArgumentException(String.format(
                    "all %d cameras coincide (largest distance between centres %.3g < %.0e): no baseline to scale by",
                    poses.size(), s, MIN_BASELINE));
        }
        List<Pose> out = new ArrayList<>(poses.size());
        for (Pose p : reanchor(poses)) {
            out.add(p.withTranslationScaled(1 / s));
        }
        return new NormalizedPoses(List.copyOf(out), s, poses.get(0));
    }
}
