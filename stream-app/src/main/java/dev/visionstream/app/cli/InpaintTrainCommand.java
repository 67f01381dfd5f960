package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.inpainting.BlendInpainter;
import dev.visionstream.models.inpainting.BlendWeights;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.OpenCvInpainter;
import dev.visionstream.models.inpainting.RnGenerator;
import dev.visionstream.models.inpainting.RnWeights;
import dev.visionstream.models.inpainting.training.BlendFit;
import dev.visionstream.models.inpainting.training.HeldOutEvaluation;
import dev.visionstream.models.inpainting.training.PhotoPool;
import dev.visionstream.models.inpainting.training.PhotoSplit;
import dev.visionstream.models.inpainting.training.RnTrainer;
import dev.visionstream.models.inpainting.training.TrainingProgress;
import dev.visionstream.models.inpainting.training.TrainingSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision inpaint train}: fits the blend pre-fill and trains the residual RN generator on the CPU, keeping the
 * checkpoint with the best validation hole PSNR.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit the blend of Telea, Navier-Stokes and diffusion fills by least squares on the training "
                + "photos, then train a reduced-width RN generator with DJL on the CPU that corrects that pre-fill "
                + "(residual head, last layer starting at zero). Photos: scripts/fetch-inpainting-training-data.sh; "
                + "a fixed fifth of them (by file name) is validation, never trained on. Loss on the composite "
                + "only; the checkpoint with the best validation hole PSNR is kept, step 0 (the pre-fill) included.",
                "Writes the blend weights, the generator weights (.npz, official key names) and a log. Fixed seed."})
final class InpaintTrainCommand implements Callable<Integer> {
    static final Path RESOURCES = Path.of("vision-models/src/main/resources/dev/visionstream/models/inpainting");
    static final Path DEFAULT_WEIGHTS = RESOURCES.resolve("rn-default.npz");
    static final Path DEFAULT_BLEND = RESOURCES.resolve("blend-weights.txt");
    static final Path DEFAULT_LOG = Path.of("docs/inpainting/rn-default-training.txt");

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of photographs (default: "
            + "target/inpainting-data/photos, fetched by scripts/fetch-inpainting-training-data.sh when missing).")
    Path data;

    @Option(names = "--width", defaultValue = "4", description = "Generator base width (default: ${DEFAULT-VALUE}; "
            + "published: 64).")
    int width;

    @Option(names = "--head", defaultValue = "residual", description = "residual (over the blend pre-fill) or "
            + "absolute (as published) (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--norm", defaultValue = "region", description = "region (RN-B/RN-L) or instance (the "
            + "ablation) (default: ${DEFAULT-VALUE}).")
    String norm;

    @Option(names = "--resolution", defaultValue = "half", description = "half (the residual generator runs on a "
            + "half-size copy and its correction is upsampled) or full (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--init", paramLabel = "NPZ", description = "Start from these weights (same width, head and norm; "
            + "fine-tuning) instead of the zero last layer.")
    Path init;

    @Option(names = "--patch", defaultValue = "128", description = "Patch size (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--frame", defaultValue = "256", description = "Masks are drawn on a frame this size, then a "
            + "patch is cut (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--batch", defaultValue = "8", description = "Patches per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "4000", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "0.0005", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--l2-weight", defaultValue = "1", description = "Weight of the hole L2 term beside the hole L1 "
            + "(default: ${DEFAULT-VALUE}).")
    float l2Weight;

    @Option(names = "--eval-every", defaultValue = "250", description = "Steps between validation scores "
            + "(default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--blend-samples", defaultValue = "96", description = "Training crops (256 px, 10-50 %% holes) "
            + "the blend is fitted on (default: ${DEFAULT-VALUE}).")
    int blendSamples;

    @Option(names = "--blend", paramLabel = "FILE", description = "Use these blend weights instead of fitting them.")
    Path blendIn;

    @Option(names = "--seed", defaultValue = "67454", description = "Random seed (default: ${DEFAULT-VALUE}, the "
            + "official one).")
    long seed;

    @Option(names = "--max-minutes", defaultValue = "45", description = "Stop after this much wall time even if "
            + "steps remain (default: ${DEFAULT-VALUE}); the log records the steps done.")
    double maxMinutes;

    @Option(names = "--out", paramLabel = "NPZ", description = "Generator weights (default: the built-in resource "
            + "rn-default.npz).")
    Path out;

    @Option(names = "--blend-out", paramLabel = "FILE", description = "Fitted blend weights (default: the built-in "
            + "resource blend-weights.txt).")
    Path blendOut;

    @Option(names = "--log", paramLabel = "FILE", description = "Training log (default: docs/inpainting/"
            + "rn-default-training.txt).")
    Path log;

    @Override
    public Integer call() throws Exception {
        RnGenerator.Head chosenHead = choice("--head", head, RnGenerator.Head.class);
        RnGenerator.Normalization chosenNorm = choice("--norm", norm, RnGenerator.Normalization.class);
        RnGenerator.Resolution chosenResolution = choice("--resolution", resolution, RnGenerator.Resolution.class);
        TrainingSettings settings = new TrainingSettings(width, chosenHead, chosenNorm, chosenResolution, patch,
                frame, batch, steps, learningRate, l2Weight, evalEvery, 0.1, 0.5, seed);
        RnWeights initial = init == null ? null : InputFiles.read("--init", init, RnWeights::read);
        BlendWeights given = blendIn == null ? null
                : InputFiles.read("--blend", blendIn, f -> BlendWeights.parse(Files.readString(f)));
        if (data != null && !Files.isDirectory(data)) {
            throw new BadInputException("--data " + data, "no such folder");
        }
        Path root = SampleMedia.projectRoot();
        Path photos = data != null ? data : root.resolve("target/inpainting-data/photos");
        if (!Files.isDirectory(photos)) {
            fetch(root, photos);
        }
        List<Path> training = new ArrayList<>();
        List<Path> validation = new ArrayList<>();
        List<Path> excluded = new ArrayList<>();
        try (Stream<Path> files = Files.list(photos)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!n.matches(".*\\.(jpe?g|png|webp|ppm)$")) {
                    continue;
                }
                (PhotoSplit.isExcluded(f) ? excluded : PhotoSplit.isValidation(f) ? validation : training).add(f);
            }
        }
        if (training.isEmpty() || validation.isEmpty()) {
            throw new BadInputException("--data " + photos, training.size() + " training and " + validation.size()
                    + " validation photos; both are needed");
        }
        PhotoPool pool = new PhotoPool();
        for (Path f : training) {
            pool.addFile(f, false, 256, 512);
        }
        Path weightsFile = root.resolve(out != null ? out : DEFAULT_WEIGHTS);
        Path blendFile = root.resolve(blendOut != null ? blendOut : DEFAULT_BLEND);
        Path logFile = root.resolve(log != null ? log : DEFAULT_LOG);
        for (Path f : List.of(weightsFile, blendFile, logFile)) {
            Files.createDirectories(f.toAbsolutePath().getParent());
        }
        long start = System.nanoTime();
        try (PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(logFile))) {
            logOut.println("# vision inpaint train " + String.join(" ", commandLine()));
            logOut.println("# started " + Instant.now() + "; photos " + photos + ": " + training.size()
                    + " training (scales 256 and 512 short side), " + validation.size() + " validation, "
                    + excluded.size() + " excluded by name " + names(excluded));
            logOut.println("# validation photos: " + names(validation));
            logOut.println("# " + settings);
            BlendWeights blend;
            if (given != null) {
                blend = given;
                logOut.println("# blend weights read from " + blendIn);
            } else {
                blend = BlendFit.onPhotos(pool, blendSamples, seed);
                Files.writeString(blendFile, blend.format("fitted by vision inpaint train " + String.join(" ",
                        commandLine()) + "\non " + blendSamples + " 256-px crops of " + training.size()
                        + " training photos, 10-50 % irregular holes"));
                logOut.println("# blend weights fitted in " + seconds(start) + " s, written to " + blendFile);
            }
            List<HeldOutEvaluation.Case> cases = HeldOutEvaluation.photoCases(validation, seed);
            logOut.println("# validation: " + cases.size() + " cases (two 256-px crops per photo, one mask per band)");
            try (Inpainter t = new OpenCvInpainter(InpaintMethod.TELEA);
                 Inpainter n = new OpenCvInpainter(InpaintMethod.NS);
                 Inpainter b = new BlendInpainter(blend, "fitted")) {
                for (Inpainter baseline : List.of(t, n, b)) {
                    HeldOutEvaluation.score(baseline, cases).forEach(sc -> logOut.println("# baseline " + sc));
                }
            }
            logOut.println("# step loss hole_l1 seconds");
            logOut.flush();
            RnTrainer.Result result = RnTrainer.train(settings, pool, blend, cases, new TrainingProgress() {
                @Override
                public void step(int step, int total, double loss, double hole) {
                    logOut.printf(Locale.ROOT, "%d %.5f %.5f %.1f%n", step, loss, hole, seconds(start));
                    logOut.flush();
                    bar(step, total, loss, hole, seconds(start));
                }

                @Override
                public void validation(String line) {
                    logOut.println("# " + line);
                    logOut.flush();
                    System.err.println("\n" + line);
                }
            }, Duration.ofSeconds((long) (maxMinutes * 60)), initial);
            Files.write(weightsFile, result.weights());
            String end = String.format(Locale.ROOT, "# finished %s: %d of %d steps in %.1f s%s; kept step %d, "
                            + "validation mean hole PSNR %.3f dB", Instant.now(), result.stepsDone(), steps,
                    seconds(start), result.stepsDone() < steps ? " (stopped by --max-minutes)" : "",
                    result.bestStep(), result.bestPsnr());
            logOut.println(end);
            System.err.println("\n" + end.substring(2));
        }
        System.err.printf("weights: %s (%d bytes)%nblend: %s%nlog: %s%n", weightsFile, Files.size(weightsFile),
                blendFile, logFile);
        return 0;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList().toString();
    }

    private List<String> commandLine() {
        List<String> start = init == null ? List.of() : List.of("--init", init.toString());
        return Stream.concat(start.stream(), Stream.of("--width", "" + width, "--head", head, "--norm", norm,
                "--resolution", resolution, "--patch", "" + patch, "--frame",
                "" + frame, "--batch", "" + batch, "--steps", "" + steps, "--lr", "" + learningRate, "--l2-weight",
                "" + l2Weight, "--eval-every", "" + evalEvery, "--blend-samples", "" + blendSamples, "--seed",
                "" + seed, "--max-minutes", "" + maxMinutes)).toList();
    }

    private static void bar(int step, int total, double loss, double hole, double seconds) {
        int filled = (int) (30L * step / Math.max(1, total));
        double eta = seconds / step * (total - step);
        System.err.printf("\rtrain [%s%s] %d/%d loss %.4f hole L1 %.4f  %.0f s, eta %.0f s ", "#".repeat(filled),
                ".".repeat(30 - filled), step, total, loss, hole, seconds, eta);
        System.err.flush();
    }

    private static void fetch(Path root, Path photos) throws IOException, InterruptedException {
        Path script = root.resolve("scripts/fetch-inpainting-training-data.sh");
        System.err.println("fetching training photographs with " + script + " ...");
        Process p = new ProcessBuilder("bash", script.toString()).directory(root.toFile()).inheritIO().start();
        if (p.waitFor() != 0 || !Files.isDirectory(photos)) {
            throw new BadInputException("--data", "no photographs at " + photos + " and " + script + " failed");
        }
    }

    /** An enum option given in any case: {@code --head residual}. */
    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Stream.of(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList();
            throw new BadInputException(option + " " + value, "must be one of " + String.join(", ", names), e);
        }
    }
}
