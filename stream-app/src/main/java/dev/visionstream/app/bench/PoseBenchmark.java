package dev.visionstream.app.bench;

import ai.djl.Device;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.pose.BadPoseInputException;
import dev.visionstream.models.pose.BodyPose;
import dev.visionstream.models.pose.BodyShape;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.ClipReplay;
import dev.visionstream.models.pose.IterativeSolver;
import dev.visionstream.models.pose.LearnedSolver;
import dev.visionstream.models.pose.PoseDataSplits;
import dev.visionstream.models.pose.PosePairs;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.PoseTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-frame solve time of the learned solver at batch 1 and batch 64 and of the iterative solver at batch 1, on
 * the same synthetic held-out gap-9 pairs, after a warm-up; then the stage's default path (network, then
 * Levenberg–Marquardt refinement where the residual is high) chained as a track at gap 9, where each init is the
 * previous output as in the stage, over real motion never trained on (the last 20 % of CMU 01_01, from every start
 * offset; a synthetic held-out clip when the test assets are missing); prints the figures and the speed ratios.
 */
public final class PoseBenchmark {
    /** 30 s of synthetic held-out motion, when the real clip is missing. */
    private static final int TRACK_FRAMES = 900;
    private static final String BVH = "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh";
    private static final int GAP = 9;

    private final PrintStream out;

    public PoseBenchmark(PrintStream out) {
        this.out = out;
    }

    /** @param device where the learned solver runs (the iterative one and the refinement are CPU code) */
    public void run(int learnedFrames, int iterativeFrames, Device device) throws BadPoseInputException {
        List<PosePairs.Pair> pairs = PosePairs.fixedGap(PoseTrainer.syntheticHeldOut(16, 60), GAP, 1);
        try (LearnedSolver learned = LearnedSolver.loadDefault(device);
             IterativeSolver iterative = new IterativeSolver()) {
            timeLearned(learned, pairs, 1, 50);
            double batch1 = timeLearned(learned, pairs, 1, learnedFrames);
            timeLearned(learned, pairs, 64, 128);
            double batch64 = timeLearned(learned, pairs, 64, Math.max(64, learnedFrames));
            PosePairs.Pair warm = pairs.get(0);
            iterative.solve(warm.shape(), warm.target(), warm.init());
            long start = System.nanoTime();
            long iterations = 0;
            for (int i = 0; i < iterativeFrames; i++) {
                PosePairs.Pair p = pairs.get((i * 37) % pairs.size());
                iterations += iterative.solve(p.shape(), p.target(), p.init()).iterations();
            }
            double iterativeMs = (System.nanoTime() - start) / 1e6 / iterativeFrames;
            out.printf(Locale.ROOT, "pose bench (%s, learned solver on %s, synthetic held-out gap-9 pairs)%n",
                    learned.architecture(), DeviceSetting.label(device));
            out.printf(Locale.ROOT, "  learned   batch 1 : %8.3f ms/frame %9.1f frames/s (%d frames)%n", batch1,
                    1000 / batch1, learnedFrames);
            out.printf(Locale.ROOT, "  learned   batch 64: %8.3f ms/frame %9.1f frames/s%n", batch64, 1000 / batch64);
            out.printf(Locale.ROOT, "  iterative batch 1 : %8.3f ms/frame (%d frames, %.0f Adam iterations "
                            + "on average)%n",
                    iterativeMs, iterativeFrames, (double) iterations / iterativeFrames);
            out.printf(Locale.ROOT, "  speed ratio at batch 1: %.0fx (target >= 200x); at batch 64: %.0fx%n",
                    iterativeMs / batch1, iterativeMs / batch64);
            List<double[][]> motion = heldOutMotion();
            String source = motion == null ? "a synthetic held-out track" : "the 01_01 held-out tail, every offset";
            ClipReplay.Result track = timeDefaultPath(learned, iterative,
                    motion == null ? PoseTrainer.syntheticHeldOut(1, TRACK_FRAMES).get(0).joints() : motion);
            out.printf(Locale.ROOT, "  default path (network + refinement) batch 1: %8.3f ms/frame, MPJPE %.2f mm, "
                            + "%d of %d frames refined (%s, gap %d)%n", track.msPerFrame(), track.mpjpeMm(),
                    track.refinedFrames(), track.frames(), source, GAP);
            out.printf(Locale.ROOT, "  speed ratio of the default path at batch 1: %.0fx%n",
                    iterativeMs / track.msPerFrame());
        }
    }

    /** The last 20 % of 01_01 at 30 fps, or null when the test assets are missing. */
    private static List<double[][]> heldOutMotion() {
        Path file = SampleMedia.assetDir().resolve(BVH);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<double[][]> joints = BvhImport.joints(BvhClip.read(file), 30);
            return PoseDataSplits.CMU_TEST.of(joints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays the motion through a tracker with the stage's settings, once to warm up, then timed. */
    private static ClipReplay.Result timeDefaultPath(LearnedSolver learned, IterativeSolver iterative,
                                                     List<double[][]> joints) throws BadPoseInputException {
        // not closed: it would close the solvers it borrows, which the caller closes
        PoseTracker tracker = new PoseTracker(PoseTracker.Settings.defaults(), learned, iterative);
        ClipReplay.run(tracker, joints.subList(0, joints.size() / 3), 30, GAP, PoseTracker.Method.LEARNED);
        return ClipReplay.runEveryOffset(tracker, joints, 30, GAP, PoseTracker.Method.LEARNED);
    }

    private static double timeLearned(LearnedSolver solver, List<PosePairs.Pair> pairs, int batch, int frames) {
        long start = System.nanoTime();
        int done = 0;
        int cursor = 0;
        while (done < frames) {
            int n = Math.min(batch, frames - done);
            List<BodyShape> shapes = new ArrayList<>(n);
            List<BodyPose> inits = new ArrayList<>(n);
            List<double[][]> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                PosePairs.Pair p = pairs.get(cursor++ % pairs.size());
                shapes.add(p.shape());
                inits.add(p.init());
                targets.add(p.target());
            }
            solver.solveBatch(shapes, inits, targets);
            done += n;
        }
        return (System.nanoTime() - start) / 1e6 / frames;
    }
}
