package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovers SMPL poses for mocap joints with the iterative solver, so that mocap frames can serve as (init, target)
 * training pairs: the shape comes from the first frames; the clip is cut into segments fitted side by side in
 * one batch, each segment chained like a track (its first frame from the rest pose turned to face like the frame,
 * every later frame from the previous fit), which converges far better than fitting every frame from rest. Each
 * fit is then polished by Levenberg–Marquardt ({@link PoseRefiner}, run to convergence): the iterative solver stops
 * at its iteration cap short of the minimum (on 01_01's validation part 6.5 mm, polished 3.6 mm), and these poses
 * are the training targets and the exact inits of training pairs.
 */
public final class MocapFit {
    private static final int SEGMENTS = 16;

    private MocapFit() {
    }

    public static MotionClip fit(String name, double fps, List<double[][]> joints, int shapeFrames,
                                 IterativeSolver solver) {
        BodyShape shape = estimateShape(joints, shapeFrames);
        int segments = Math.min(SEGMENTS, joints.size());
        int length = (joints.size() + segments - 1) / segments;
        BodyPose[] poses = new BodyPose[joints.size()];
        PoseRefiner polish = polisher();
        for (int i = 0; i < length; i++) {
            List<Integer> frames = new ArrayList<>();
            List<BodyShape> shapes = new ArrayList<>();
            List<double[][]> targets = new ArrayList<>();
            List<BodyPose> inits = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int f = s * length + i;
                if (f >= joints.size() || f >= (s + 1) * length) {
                    continue;
                }
                frames.add(f);
                shapes.add(shape);
                targets.add(joints.get(f));
                inits.add(i == 0 ? BodyShapeEstimator.alignedRest(shape, joints.get(f)) : poses[f - 1]);
            }
            List<IterativeFit> fits = solver.solveBatch(shapes, targets, inits);
            for (int k = 0; k < frames.size(); k++) {
                poses[frames.get(k)] = polish.refine(shape, fits.get(k).pose(), targets.get(k)).pose();
            }
        }
        return new MotionClip(name, fps, shape, List.of(poses), joints);
    }

    private static PoseRefiner polisher() {
        PoseRefiner.Settings d = PoseRefiner.Settings.defaults();
        return new PoseRefiner(new PoseRefiner.Settings(50, d.limitWeight(), d.initWeight(), 1e-9, d.toleranceMm()));
    }

    /** Mean of the per-frame shape estimates over the first {@code frames} frames. */
    public static BodyShape estimateShape(List<double[][]> joints, int frames) {
        BodyShape shape = BodyShapeEstimator.estimate(joints.get(0));
        for (int f = 1; f < Math.min(frames, joints.size()); f++) {
            shape = shape.averagedWith(BodyShapeEstimator.estimate(joints.get(f)), f);
        }
        return shape;
    }
}
