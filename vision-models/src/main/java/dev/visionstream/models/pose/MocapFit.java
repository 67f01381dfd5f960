package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Recovers SMPL poses for mocap joints with the iterative solver, so that mocap frames can serve as (init, target)
 * training pairs and as the initialisations of a held-out evaluation: the shape comes from the first frames,
 * every frame is fitted in batches starting from the rest pose turned to face like the frame.
 */
public final class MocapFit {
    private static final int BATCH = 128;

    private MocapFit() {
    }

    public static MotionClip fit(String name, double fps, List<double[][]> joints, int shapeFrames,
                                 IterativeSolver solver) {
        BodyShape shape = estimateShape(joints, shapeFrames);
        List<BodyPose> poses = new ArrayList<>(joints.size());
        for (int from = 0; from < joints.size(); from += BATCH) {
            List<double[][]> targets = joints.subList(from, Math.min(joints.size(), from + BATCH));
            List<BodyShape> shapes = new ArrayList<>();
            List<BodyPose> inits = new ArrayList<>();
            for (double[][] t : targets) {
                shapes.add(shape);
                inits.add(BodyShapeEstimator.alignedRest(shape, t));
            }
            solver.solveBatch(shapes, targets, inits).forEach(f -> poses.add(f.pose()));
        }
        return new MotionClip(name, fps, shape, poses, joints);
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
