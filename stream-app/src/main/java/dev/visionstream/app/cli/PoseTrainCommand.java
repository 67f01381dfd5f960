package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.pose.AseMotion;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.ClipReplay;
import dev.visionstream.models.pose.ForwardKinematics;
import dev.visionstream.models.pose.IterativeSolver;
import dev.visionstream.models.pose.LearnedSolver;
import dev.visionstream.models.pose.MotionClip;
import dev.visionstream.models.pose.MotionClipFile;
import dev.visionstream.models.pose.PoseDataSplits;
import dev.visionstream.models.pose.PoseMetrics;
import dev.visionstream.models.pose.PoseNetwork;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.PoseTrainer;
import dev.visionstream.models.pose.RealMotion;
import dev.visionstream.models.pose.VrmlMotion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision pose train}: trains the learned pose solver on CPU and writes its weights and a training log. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the Learnable SMPLify solver on CPU with DJL (fixed seed, deterministic) for chained "
                + "use: "
                + "synthetic motion (joint waves and coordinated actions), rollout tracks that start from the "
                + "network's own solutions, several passes per target with a loss on each.",
                "Real motion from the test assets (scripts/fetch-test-assets.sh): CMU 01_01.bvh, the 3ds Max "
                + "range-of-motion capture, the whitedune walk and run; training parts are mirrored and "
                + "time-warped, validation parts choose the checkpoint by chained error, test parts are never used "
                + "here.",
                "Writes the weights and a log (the command, settings, evaluation lines) next to each other."})
final class PoseTrainCommand implements Callable<Integer> {
    private static final Path DEFAULT_OUT =
            Path.of("vision-models/src/main/resources/models/pose/learnable-smplify-mlp.params");
    private static final Path FIT_CACHE = Path.of("target/pose-data/fits");

    @Option(names = "--out", paramLabel = "FILE", description = "Weights file (default: the built-in resource, "
            + "${DEFAULT-VALUE}).")
    Path out = DEFAULT_OUT;

    @Option(names = "--steps", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps = PoseTrainer.Settings.defaults().steps();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = PoseTrainer.Settings.defaults().seed();

    @Option(names = "--mocap-share", description = "Share of training clips from real motion (default: "
            + "${DEFAULT-VALUE}).")
    double mocapShare = 0.3;

    @Option(names = "--architecture", description = "MLP or GCN (default: ${DEFAULT-VALUE}).")
    PoseNetwork.Architecture architecture = PoseTrainer.Settings.defaults().architecture();

    @Option(names = "--hidden", description = "Layer width (default: ${DEFAULT-VALUE}).")
    int hidden = PoseTrainer.Settings.defaults().hidden();

    @Option(names = "--layers", description = "Hidden (MLP) or graph (GCN) layers (default: ${DEFAULT-VALUE}).")
    int layers = PoseTrainer.Settings.defaults().layers();

    @Option(names = "--passes", description = "Network passes per target, in training and in the stage (default: "
            + "${DEFAULT-VALUE}).")
    int passes = PoseTrainer.Settings.defaults().passes();

    @Option(names = "--rollout-share", description = "Share of each batch from rollout tracks, whose init is the "
            + "network's own previous solution (default: ${DEFAULT-VALUE}).")
    double rolloutShare = PoseTrainer.Settings.defaults().rolloutShare();

    @Option(names = "--rollout-length", description = "Steps after which a rollout track restarts from an exact pose "
            + "(default: ${DEFAULT-VALUE}).")
    int rolloutLength = PoseTrainer.Settings.defaults().rolloutLength();

    @Option(names = "--noisy-share", description = "Share of the other pairs whose init gets random joint rotation "
            + "errors (default: ${DEFAULT-VALUE}).")
    double noisyShare = PoseTrainer.Settings.defaults().noisyShare();

    @Option(names = "--init-noise-deg", description = "Largest per-pose scale (degrees) of those errors (default: "
            + "${DEFAULT-VALUE}).")
    double initNoiseDegrees = PoseTrainer.Settings.defaults().initNoiseDegrees();

    @Option(names = "--synthetic-clips", description = "Clips of independent joint waves (default: ${DEFAULT-VALUE}).")
    int syntheticClips = PoseTrainer.Settings.defaults().syntheticClips();

    @Option(names = "--action-clips", description = "Clips of coordinated actions: gait, reach, bend, crouch, jump, "
            + "turn (default: ${DEFAULT-VALUE}).")
    int actionClips = PoseTrainer.Settings.defaults().actionClips();

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PoseTrainer.Settings d = PoseTrainer.Settings.defaults();
        PoseTrainer.Settings settings = new PoseTrainer.Settings(seed, steps, d.batch(), d.learningRate(),
                architecture, hidden, layers, syntheticClips, actionClips, d.clipFrames(), d.evalEvery(), rolloutShare,
                rolloutLength, passes, noisyShare, initNoiseDegrees);
        Path target = out.isAbsolute() ? out : SampleMedia.projectRoot().resolve(out);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path log = target.resolveSibling(target.getFileName().toString().replaceFirst("\\.params$", "") + ".log");
        long start = System.nanoTime();
        try (OutputStream weights = Files.newOutputStream(target);
             PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            logOut.printf(Locale.ROOT, "command: nice -n 10 ./vision pose train --seed %d --steps %d --architecture %s "
                    + "--hidden %d --layers %d --passes %d --rollout-share %s --rollout-length %d --noisy-share %s "
                    + "--init-noise-deg %s --synthetic-clips %d --action-clips %d --mocap-share %s%n",
                    seed, steps, architecture, hidden, layers, passes, rolloutShare, rolloutLength, noisyShare,
                    initNoiseDegrees, syntheticClips, actionClips, mocapShare);
            logOut.println("settings: " + settings);
            logOut.println("data: " + syntheticClips + " joint-wave and " + actionClips + " action clips x "
                    + settings.clipFrames() + " frames at 30 fps; synthetic held-out: 16 clips from a separate seed");
            List<MotionClip> trainReal = new ArrayList<>();
            List<MotionClip> validation = new ArrayList<>();
            realMotion(trainReal, validation, logOut);
            List<MotionClip> extra = new ArrayList<>();
            if (!trainReal.isEmpty() && mocapShare > 0) {
                long copies = Math.max(1, Math.round(mocapShare / (1 - mocapShare) * (syntheticClips + actionClips)
                        / trainReal.size()));
                for (long c = 0; c < copies; c++) {
                    extra.addAll(trainReal);
                }
                logOut.printf(Locale.ROOT, "real motion: %d clips x %d copies = %.0f %% of training clips%n",
                        trainReal.size(), copies, 100.0 * extra.size() / (extra.size() + syntheticClips + actionClips));
            }
            String last = new PoseTrainer(settings).train(extra, validation, weights,
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
            logOut.printf("kept: %s; wall time %d s%n", last, took.toSeconds());
            Path bvh = SampleMedia.assetDir().resolve(PoseDataSplits.CMU_ASSET);
            if (Files.isRegularFile(bvh)) {
                List<double[][]> joints = BvhImport.joints(BvhClip.read(bvh), 30);
                List<double[][]> tail = PoseDataSplits.CMU_TEST.of(joints);
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

    private void checkOptions() {
        if (steps < 1) {
            throw new BadInputException("--steps " + steps, "must be 1 or more");
        }
        if (passes < 1 || passes > 8) {
            throw new BadInputException("--passes " + passes, "must be 1 to 8");
        }
        if (!(rolloutShare >= 0 && rolloutShare <= 1)) {
            throw new BadInputException("--rollout-share " + rolloutShare, "must be in [0, 1]");
        }
        if (!(mocapShare >= 0 && mocapShare < 1)) {
            throw new BadInputException("--mocap-share " + mocapShare, "must be in [0, 1)");
        }
    }

    /**
     * Real motion for training (augmented) and validation (chained, to choose the checkpoint), split by time so that
     * no frame is in both; the test part of every source ({@link PoseDataSplits}) is never loaded here.
     */
    private void realMotion(List<MotionClip> train, List<MotionClip> validation, PrintWriter log)
            throws IOException {
        int clipFrames = PoseTrainer.Settings.defaults().clipFrames();
        Path bvh = SampleMedia.assetDir().resolve(PoseDataSplits.CMU_ASSET);
        if (Files.isRegularFile(bvh)) {
            BvhClip clip = BvhClip.read(bvh);
            double rate = 1.0 / clip.frameTime();
            List<double[][]> joints = BvhImport.joints(clip, rate);
            train.addAll(RealMotion.augmented(fitted("cmu-01_01-train",
                    PoseDataSplits.CMU_TRAIN.of(joints), rate, log), clipFrames));
            validation.addAll(fitted("cmu-01_01-validation", PoseDataSplits.CMU_VALIDATION.of(joints), rate, log));
        } else {
            log.println("real motion: " + bvh + " missing (run scripts/fetch-test-assets.sh)");
        }
        Path rom = SampleMedia.assetDir().resolve(PoseDataSplits.ROM_ASSET);
        if (Files.isRegularFile(rom)) {
            List<double[][]> joints = BvhImport.joints(AseMotion.read(rom).motion("rom"), 30);
            for (PoseDataSplits.Range range : PoseDataSplits.ROM_TRAIN) {
                train.addAll(RealMotion.augmented(fitted("rom-train-" + range.first(), range.of(joints), 30, log),
                        clipFrames));
            }
            validation.addAll(fitted("rom-validation", PoseDataSplits.ROM_VALIDATION.of(joints), 30, log));
        } else {
            log.println("real motion: " + rom + " missing (run scripts/fetch-test-assets.sh)");
        }
        for (String asset : PoseDataSplits.VRML_ASSETS) {
            Path file = SampleMedia.assetDir().resolve(asset);
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file)) {
                List<double[][]> joints = BvhImport.joints(VrmlMotion.read(file).human(name, 30), 30);
                train.addAll(RealMotion.augmented(fitted(name, joints, 30, log), clipFrames));
            } else {
                log.println("real motion: " + file + " missing (run scripts/fetch-test-assets.sh)");
            }
        }
        log.println("real motion: training parts mirrored and played at speeds 1, 0.8 and 1.25; "
                + "" + PoseDataSplits.DESCRIPTION);
    }

    /** The frames' 30 fps phases fitted by the iterative solver, from the cache under target/ when present. */
    private static List<MotionClip> fitted(String name, List<double[][]> joints, double rate, PrintWriter log)
            throws IOException {
        Path cache = SampleMedia.projectRoot().resolve(FIT_CACHE).resolve(name + "-polished.clips");
        long begin = System.nanoTime();
        List<MotionClip> clips;
        if (Files.isRegularFile(cache)) {
            clips = MotionClipFile.read(cache);
        } else {
            try (IterativeSolver solver = new IterativeSolver()) {
                clips = RealMotion.fittedPhases(name, joints, rate, 30, 0, 1, solver);
            }
            MotionClipFile.write(cache, clips);
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
        String line = String.format(Locale.ROOT, "real motion: %s: %d sequences, %d frames at 30 fps, "
                + "iterative pose fit MPJPE %.2f mm (%d s)", name, clips.size(), frames, error / frames,
                (System.nanoTime() - begin) / 1_000_000_000L);
        log.println(line);
        System.err.println(line);
        return clips;
    }
}
