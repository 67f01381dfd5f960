package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * The learned solver alone, chained through held-out motion the way the stage chains a track: from the fitted pose
 * of a start frame, every {@code gap}-th frame is solved from the previous solution, with no refinement. Every start
 * offset 0..gap−1 of every clip is one chain, so no frame of the clip is left out; the figure is the mean
 * root-aligned MPJPE (mm) against the clip's own joints over all solved frames. All chains advance together, one
 * batch per step. A cap bounds each frame's error for choosing checkpoints: on motion the network cannot follow at
 * all (the range-of-motion capture's spinal curls beyond SMPL's joint limits) chains lose the body whatever the
 * checkpoint, and those hundreds of millimetres vary at random from one checkpoint to the next.
 */
public final class ChainedValidation {
    private ChainedValidation() {
    }

    public static double mpjpeMm(LearnedSolver solver, List<MotionClip> clips, int gap) {
        return mpjpeMm(solver, clips, gap, Double.POSITIVE_INFINITY);
    }

    /** As {@link #mpjpeMm(LearnedSolver, List, int)} with each frame's error counted as at most {@code capMm}. */
    public static double mpjpeMm(LearnedSolver solver, List<MotionClip> clips, int gap, double capMm) {
        List<MotionClip> chainClips = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        List<BodyPose> poses = new ArrayList<>();
        for (MotionClip clip : clips) {
            for (int offset = 0; offset < gap && offset + gap < clip.frames(); offset++) {
                chainClips.add(clip);
                offsets.add(offset);
                poses.add(clip.poses().get(offset));
            }
        }
        double sum = 0;
        int count = 0;
        for (int step = 1; ; step++) {
            List<Integer> active = new ArrayList<>();
            for (int c = 0; c < chainClips.size(); c++) {
                if (offsets.get(c) + step * gap < chainClips.get(c).frames()) {
                    active.add(c);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            List<BodyShape> shapes = new ArrayList<>();
            List<BodyPose> inits = new ArrayList<>();
            List<double[][]> targets = new ArrayList<>();
            for (int c : active) {
                shapes.add(chainClips.get(c).shape());
                inits.add(poses.get(c));
                targets.add(chainClips.get(c).joints().get(offsets.get(c) + step * gap));
            }
            List<BodyPose> solved = solver.solveBatch(shapes, inits, targets);
            for (int i = 0; i < active.size(); i++) {
                poses.set(active.get(i), solved.get(i));
                sum += Math.min(capMm, PoseMetrics.rootAlignedMpjpeMm(
                        ForwardKinematics.joints(shapes.get(i), solved.get(i)), targets.get(i)));
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no clip is longer than the gap " + gap);
        }
        return sum / count;
    }
}
