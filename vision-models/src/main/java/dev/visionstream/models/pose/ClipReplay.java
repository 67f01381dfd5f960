package dev.visionstream.models.pose;

import java.util.List;

/**
 * Replays target joints through a {@link PoseTracker} as one track, every {@code gap}-th frame, the way the stream
 * stage would receive them; measures root-aligned MPJPE against the targets and the solve time per frame, over
 * every frame after the first (the first is always an iterative solve from rest).
 */
public final class ClipReplay {
    /** Mean root-aligned MPJPE (mm) and mean solve time (ms) over the frames after the first. */
    public record Result(String method, int frames, double mpjpeMm, double msPerFrame, int refinedFrames) {
    }

    private ClipReplay() {
    }

    public static Result run(PoseTracker tracker, List<double[][]> joints, double fps, int gap,
                             PoseTracker.Method method) throws BadPoseInputException {
        TrackState state = null;
        double error = 0;
        double ms = 0;
        int counted = 0;
        int refined = 0;
        for (int f = 0; f < joints.size(); f += gap) {
            PoseTracker.Step step = tracker.step(state, joints.get(f), Math.round(f * 1000 / fps), method);
            state = step.state();
            if (f > 0) {
                error += PoseMetrics.rootAlignedMpjpeMm(step.fittedJoints(), joints.get(f));
                ms += step.solveMs();
                counted++;
                refined += step.method().equals("learned-refined") ? 1 : 0;
            }
        }
        return new Result(method == PoseTracker.Method.LEARNED ? "learned" : "iterative", counted,
                counted == 0 ? 0 : error / counted, counted == 0 ? 0 : ms / counted, refined);
    }
}
