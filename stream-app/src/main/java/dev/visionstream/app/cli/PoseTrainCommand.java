package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.ClipReplay;
import dev.visionstream.models.pose.ForwardKinematics;
import dev.visionstream.models.pose.IterativeSolver;
import dev.visionstream.models.pose.LearnedSolver;
import dev.visionstream.models.pose.MotionClip;
import dev.visionstream.models.pose.PoseMetrics;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.PoseTrainer;
import java.util.ArrayList;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision pose train}: trains the learned pose solver on CPU and writes its weights and a training log. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the Learnable SMPLify solver on CPU with DJL (fixed seed, deterministic): synthetic "
                + "smooth motion within joint limits, pairs with gaps {1,3,5,7,9} and random swap.",
                "Adds the first 80 % of CMU 01_01.bvh (poses fitted by the iterative solver) when the test assets are "
                + "there; the last 20 % is only evaluated.",
                "Writes the weights and a log (the command, settings, evaluation lines) next to each other."})
final class PoseTrainCommand implements Callable<Integer> {
    private static final String BVH = "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh";
    private static final Path DEFAULT_OUT = Path.of("vision-models/src/main/resources/models/pose/learnable-smplify-mlp.params");

    @Option(names = "--out", paramLabel = "FILE", description = "Weights file (default: the built-in resource, ${DEFAULT-VALUE}).")
    Path out = DEFAULT_OUT;

    @Option(names = "--steps", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps = PoseTrainer.Settings.defaults().steps();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = PoseTrainer.Settings.defaults().seed();

    @Option(names = "--mocap-share", description = "Share of training clips from the first 80 %% of CMU 01_01.bvh (default: ${DEFAULT-VALUE}).")
    double mocapShare = 0.3;

    @Option(names = "--architecture", description = "MLP or GCN (default: ${DEFAULT-VALUE}).")
    dev.visionstream.models.pose.PoseNetwork.Architecture architecture = PoseTrainer.Settings.defaults().architecture();

    @Option(names = "--hidden", description = "Layer width (default: ${DEFAULT-VALUE}).")
    int hidden = PoseTrainer.Settings.defaults().hidden();

    @Option(names = "--layers", description = "Hidden (MLP) or graph (GCN) layers (default: ${DEFAULT-VALUE}).")
    int layers = PoseTrainer.Settings.defaults().layers();

    @Option(names = "--chained-share", description = "Share of each batch whose init is the network's own solution of a previous pair (default: ${DEFAULT-VALUE}).")
    double chainedShare = PoseTrainer.Settings.defaults().chainedShare();

    @Option(names = "--noisy-share", description = "Share of the other pairs whose init gets random joint rotation errors (default: ${DEFAULT-VALUE}).")
    double noisyShare = PoseTrainer.Settings.defaults().noisyShare();

    @Option(names = "--init-noise-deg", description = "Largest per-pose scale (degrees) of those errors (default: ${DEFAULT-VALUE}).")
    double initNoiseDegrees = PoseTrainer.Settings.defaults().initNoiseDegrees();

    @Option(names = "--stay-share", description = "Share of each batch aimed at the noisy init's own frame (default: ${DEFAULT-VALUE}).")
    double stayShare = PoseTrainer.Settings.defaults().stayShare();

    @Override
    public Integer call() throws Exception {
        PoseTrainer.Settings d = PoseTrainer.Settings.defaults();
        PoseTrainer.Settings settings = new PoseTrainer.Settings(seed, steps, d.batch(), d.learningRate(),
                architecture, hidden, layers, d.syntheticClips(), d.clipFrames(), d.evalEvery(), chainedShare, noisyShare,
                initNoiseDegrees, stayShare);
        Path target = out.isAbsolute() ? out : dev.visionstream.app.runtime.SampleMedia.projectRoot().resolve(out);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path log = target.resolveSibling(target.getFileName().toString().replaceFirst("\\.params$", "") + ".log");
        long start = System.nanoTime();
        try (OutputStream weights = Files.newOutputStream(target);
             PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            logOut.printf(Locale.ROOT, "command: nice -n 10 ./vision pose train --seed %d --steps %d --architecture %s "
                    + "--hidden %d --layers %d --mocap-share %s --chained-share %s --noisy-share %s --init-noise-deg %s "
                    + "--stay-share %s%n",
                    seed, steps, architecture, hidden, layers, mocapShare, chainedShare, noisyShare, initNoiseDegrees,
                    stayShare);
            logOut.println("settings: " + settings);
            logOut.println("data: " + settings.syntheticClips() + " synthetic clips x " + settings.clipFrames()
                    + " frames at 30 fps; held-out: 16 synthetic clips from a separate seed and the last 20 % of "
                    + "01_01.bvh");
            List<MotionClip> mocap = mocapClips(logOut);
            List<MotionClip> extra = new ArrayList<>();
            if (!mocap.isEmpty() && mocapShare > 0) {
                long copies = Math.max(1, Math.round(mocapShare / (1 - mocapShare) * settings.syntheticClips()
                        / mocap.size()));
                for (long c = 0; c < copies; c++) {
                    extra.addAll(mocap);
                }
                logOut.printf(Locale.ROOT, "mocap: %d clips x %d copies = %.0f %% of training clips%n", mocap.size(),
                        copies, 100.0 * extra.size() / (extra.size() + settings.syntheticClips()));
            }
            String last = new PoseTrainer(settings).train(extra, PoseTrainer.syntheticHeldOut(16, 60), weights,
                    (step, total, loss, line) -> {
                        if (line != null) {
                            System.err.print("\r" + " ".repeat(100) + "\r");
                            System.err.println(line);
                            logOut.println(line);
                            logOut.flush();
                        }
                        if (step % 10 == 0 || step == total) {
                            int filled = (int) (40L * step / total);
                            double elapsed = (System.nanoTime() - start) / 1e9;
                            System.err.printf(Locale.ROOT, "\rtrain [%s%s] %d/%d loss %.4f %.0f s", "#".repeat(filled),
                                    " ".repeat(40 - filled), step, total, loss, elapsed);
                        }
                    });
            weights.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            logOut.printf("final: %s; wall time %d s%n", last, took.toSeconds());
            Path bvh = SampleMedia.assetDir().resolve(BVH);
            if (Files.isRegularFile(bvh)) {
                List<double[][]> joints = BvhImport.joints(BvhClip.read(bvh), 30);
                List<double[][]> tail = joints.subList((int) (0.8 * joints.size()), joints.size());
                // the learned solver alone: the stage's refinement of high-residual poses is off
                try (PoseTracker tracker = new PoseTracker(PoseTracker.Settings.withoutRefinement(),
                        LearnedSolver.load(target),
                        new IterativeSolver())) {
                    for (int gap : new int[] {1, 9}) {
                        ClipReplay.Result r = ClipReplay.run(tracker, tail, 30, gap, PoseTracker.Method.LEARNED);
                        String line = String.format(Locale.ROOT, "01_01 held-out tail (last 20 %%), replayed as a track"
                                + " at gap %d: %d frames, learned MPJPE (no refinement) %.2f mm", gap, r.frames(),
                                r.mpjpeMm());
                        logOut.println(line);
                        System.err.println(line);
                    }
                }
            }
            System.err.println();
            System.out.printf("weights: %s (%d bytes), log: %s, %d s%n", target, Files.size(target), log,
                    took.toSeconds());
        }
        return 0;
    }

    /** The first 80 % of CMU 01_01 with poses fitted by the iterative solver; empty when the clip is missing. */
    private static List<MotionClip> mocapClips(PrintWriter log) throws java.io.IOException {
        Path bvh = SampleMedia.assetDir().resolve(BVH);
        if (!Files.isRegularFile(bvh)) {
            log.println("mocap: " + bvh + " missing (run scripts/fetch-test-assets.sh): synthetic data only");
            return List.of();
        }
        long start = System.nanoTime();
        List<MotionClip> clips;
        try (IterativeSolver solver = new IterativeSolver()) {
            clips = BvhImport.trainingClips(BvhClip.read(bvh), "cmu-01_01", 30, 0.8, 60, solver);
        }
        double error = 0;
        int frames = 0;
        for (MotionClip c : clips) {
            for (int f = 0; f < c.frames(); f++) {
                error += PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(c.shape(), c.poses().get(f)),
                        c.joints().get(f));
                frames++;
            }
        }
        String line = String.format(Locale.ROOT, "mocap: 01_01.bvh first 80 %%, 4 phases at 30 fps, %d clips of 60 frames;"
                + " iterative pose fit MPJPE %.2f mm over %d frames (%d s)", clips.size(), error / frames, frames,
                (System.nanoTime() - start) / 1_000_000_000L);
        log.println(line);
        System.err.println(line);
        return clips;
    }
}
