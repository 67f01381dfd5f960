package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.inpainting.training.InpaintingAssets;
import dev.visionstream.models.inpainting.training.PhotoPool;
import dev.visionstream.models.inpainting.training.RnTrainer;
import dev.visionstream.models.inpainting.training.TrainingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision inpaint train}: trains the built-in reduced-width RN generator on the CPU. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a reduced-width RN generator with DJL on the CPU: random patches of Debian wallpaper "
                + "photographs (scripts/fetch-inpainting-training-data.sh) and of the LEFT halves of the inpainting "
                + "test images, with generated irregular masks; L1 loss on holes and valid pixels.",
                "Writes the weights (.npz, official key names) and a training log. Fixed seed."})
final class InpaintTrainCommand implements Callable<Integer> {
    static final Path DEFAULT_WEIGHTS = Path.of(
            "vision-models/src/main/resources/dev/visionstream/models/inpainting/rn-default.npz");
    static final Path DEFAULT_LOG = Path.of("docs/inpainting/rn-default-training.txt");

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of photographs (default: "
            + "target/inpainting-data/photos, fetched by scripts/fetch-inpainting-training-data.sh when missing).")
    Path data;

    @Option(names = "--width", defaultValue = "16", description = "Generator base width (default: ${DEFAULT-VALUE}; "
            + "published: 64).")
    int width;

    @Option(names = "--patch", defaultValue = "64", description = "Patch size (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--batch", defaultValue = "8", description = "Patches per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "600", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--hole-weight", defaultValue = "6", description = "L1 weight of holes (default: ${DEFAULT-VALUE}).")
    float holeWeight;

    @Option(names = "--seed", defaultValue = "67454", description = "Random seed (default: ${DEFAULT-VALUE}, the "
            + "official one).")
    long seed;

    @Option(names = "--max-minutes", defaultValue = "14", description = "Stop after this much wall time even if "
            + "steps remain (default: ${DEFAULT-VALUE}); the log records the steps done.")
    double maxMinutes;

    @Option(names = "--out", paramLabel = "NPZ", description = "Weights file (default: the built-in resource, "
            + "vision-models/src/main/resources/.../rn-default.npz).")
    Path out;

    @Option(names = "--log", paramLabel = "FILE", description = "Training log (default: docs/inpainting/"
            + "rn-default-training.txt).")
    Path log;

    @Override
    public Integer call() throws Exception {
        Path root = SampleMedia.projectRoot();
        Path photos = data != null ? data : root.resolve("target/inpainting-data/photos");
        if (!Files.isDirectory(photos) && data == null && !fetch(root)) {
            return 2;
        }
        Path assets = SampleMedia.assetDir();
        SampleMedia.vtest(true); // the fetch script brings the test images too
        PhotoPool pool = new PhotoPool();
        pool.addFolder(photos, 256, 512);
        for (Path image : InpaintingAssets.images(assets)) {
            pool.addFile(image, true, 256, 512);
        }
        TrainingSettings settings = new TrainingSettings(width, patch, batch, steps, learningRate, holeWeight,
                0.1, 0.6, seed);
        Path weightsFile = root.resolve(out != null ? out : DEFAULT_WEIGHTS);
        Path logFile = root.resolve(log != null ? log : DEFAULT_LOG);
        Files.createDirectories(weightsFile.toAbsolutePath().getParent());
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        long start = System.nanoTime();
        try (PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(logFile));
             OutputStream weightsOut = Files.newOutputStream(weightsFile)) {
            logOut.println("# vision inpaint train " + String.join(" ", commandLine()));
            logOut.println("# started " + Instant.now() + ", " + pool.size() + " pictures (scales 256 and 512 "
                    + "short side): " + photos + " + left halves of " + InpaintingAssets.IMAGES.size()
                    + " test images");
            logOut.println("# " + settings);
            logOut.println("# step loss hole_l1 valid_l1 seconds");
            int done = RnTrainer.train(settings, pool, (step, total, loss, hole, valid) -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                logOut.printf("%d %.5f %.5f %.5f %.1f%n", step, loss, hole, valid, seconds);
                logOut.flush();
                bar(step, total, loss, hole, seconds);
            }, Duration.ofSeconds((long) (maxMinutes * 60)), weightsOut);
            System.err.println();
            String end = String.format("# finished %s: %d of %d steps in %.1f s%s", Instant.now(), done, steps,
                    (System.nanoTime() - start) / 1e9, done < steps ? " (stopped by --max-minutes)" : "");
            logOut.println(end);
            System.err.println(end.substring(2));
        }
        System.err.printf("weights: %s (%d bytes)%nlog: %s%n", weightsFile, Files.size(weightsFile), logFile);
        return 0;
    }

    private List<String> commandLine() {
        return List.of("--width", "" + width, "--patch", "" + patch, "--batch", "" + batch, "--steps", "" + steps,
                "--lr", "" + learningRate, "--hole-weight", "" + holeWeight, "--seed", "" + seed,
                "--max-minutes", "" + maxMinutes);
    }

    private static void bar(int step, int total, double loss, double hole, double seconds) {
        int filled = (int) (30L * step / total);
        double eta = seconds / step * (total - step);
        System.err.printf("\rtrain [%s%s] %d/%d loss %.4f hole L1 %.4f  %.0f s, eta %.0f s ", "#".repeat(filled),
                ".".repeat(30 - filled), step, total, loss, hole, seconds, eta);
        System.err.flush();
    }

    private static boolean fetch(Path root) throws IOException, InterruptedException {
        Path script = root.resolve("scripts/fetch-inpainting-training-data.sh");
        System.err.println("fetching training photographs with " + script + " ...");
        Process p = new ProcessBuilder("bash", script.toString()).directory(root.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            System.err.println("inpaint train: the fetch script failed");
            return false;
        }
        return true;
    }
}
