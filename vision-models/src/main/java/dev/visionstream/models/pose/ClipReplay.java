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

    /**
     * {@link #run} from every start offset 0..gap−1 (each a track of its own, starting with an iterative solve), so
     * that every frame of the clip is a target once: a short clip at gap 9 otherwise gives only a handful of frames.
     * The figures are over all frames of all replays.
     */
    public static Result runEveryOffset(PoseTracker tracker, List<double[][]> joints, double fps, int gap,
                                        PoseTracker.Method method) throws BadPoseInputException {
        double error = 0;
        double ms = 0;
        int frames = 0;
        int refined = 0;
        String name = null;
        for (int offset = 0; offset < gap && offset + gap < joints.size(); offset++) {
            Result r = run(tracker, joints.subList(offset, joints.size()), fps, gap, method);
            error += r.mpjpeMm() * r.frames();
            ms += r.msPerFrame() * r.frames();
            frames += r.frames();
            refined += r.refinedFrames();
            name = r.method();
        }
        if (frames == 0) {
            throw new IllegalArgumentException("the clip has no frame after a gap of " + gap);
        }
        return new Result(name, frames, error / frames, ms / frames, refined);
    }
}
