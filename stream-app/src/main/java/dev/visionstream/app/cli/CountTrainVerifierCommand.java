package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.counting.Backbones;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.DetectorFeatures;
import dev.visionstream.models.counting.FeatureBackbone;
import dev.visionstream.models.counting.InstanceEstimate;
import dev.visionstream.models.counting.TileGrid;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.training.VerifierTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision count train-verifier}: trains the instance verifier behind the {@code verified} estimator. */
@Command(name = "train-verifier", mixinStandardHelpOptions = true,
        description = {"Trains the instance verifier (the verified estimator): a small network that judges "
                + "template-matching candidates, fitted on composites of the training cut-out classes whose object "
                + "positions are known. Its threshold and suppression radius are chosen for classes it has not seen: "
                + "a network fitted on half of the training classes is run on validation composites of the other "
                + "half. Held-out classes and real photographs are never used.",
                "Data: scripts/fetch-counting-eval-data.sh. Writes the verifier (JSON) and a log. Fixed seed.",
                "Exit codes: 0 trained, 2 bad options or data not fetched."})
final class CountTrainVerifierCommand implements Callable<Integer> {
    static final Path DEFAULT_OUT = Path.of(
            "vision-models/src/main/resources/dev/visionstream/models/counting/instance-verifier.json");
    static final Path DEFAULT_LOG = Path.of("docs/counting/instance-verifier-training.txt");
    static final Path DETECTOR_OUT = Path.of(
            "vision-models/src/main/resources/dev/visionstream/models/counting/instance-verifier-detector.json");
    static final Path DETECTOR_LOG = Path.of("docs/counting/instance-verifier-detector-training.txt");

    @Option(names = "--data", paramLabel = "DIR", description = "Where scripts/fetch-counting-eval-data.sh fetched to "
            + "(default: target/counting-eval).")
    Path data;

    @Option(names = "--scenes", defaultValue = "600", description = "Training scenes (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--validation-scenes", defaultValue = "192", description = "Validation scenes that choose the "
            + "decision rule, of training classes and photographs the choosing network never saw (default: "
            + "${DEFAULT-VALUE}).")
    int validationScenes;

    @Option(names = "--units", defaultValue = "48", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--epochs", defaultValue = "40", description = "Passes over the candidates (default: "
            + "${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--l2", defaultValue = "0.0001", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--min-count", defaultValue = "10", description = "Fewest objects in a scene (default: "
            + "${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-count", defaultValue = "300", description = "Most objects in a scene (default: "
            + "${DEFAULT-VALUE}).")
    int maxCount;

    @Option(names = "--seed", defaultValue = "12345", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fold", defaultValue = "classes-and-photos", paramLabel = "classes-and-photos|classes",
            description = {"What the network that chooses the rule must not have seen: other classes on other "
                    + "photographs, or other classes on any training photograph (how the built-in verifier was "
                    + "trained; it over-promises on held-out photographs) (default: ${DEFAULT-VALUE})."})
    String fold;

    @Option(names = "--detector", paramLabel = "DIR", description = {"Also judge the features of the pretrained "
            + "detector in DIR (scripts/fetch-counting-detector.sh); the verifier then needs it wherever it counts."})
    Path detector;

    @Option(names = "--out", paramLabel = "FILE", description = "The verifier (default: the built-in resource, the "
            + "one for the detector's features with --detector).")
    Path out;

    @Option(names = "--log", paramLabel = "FILE", description = "Training log (default: docs/counting/"
            + "instance-verifier-training.txt, or instance-verifier-detector-training.txt with --detector).")
    Path log;

    private boolean foldPhotos() {
        return switch (fold) {
            case "classes-and-photos" -> true;
            case "classes" -> false;
            default -> throw new BadInputException("--fold " + fold, "must be classes-and-photos or classes");
        };
    }

    @Override
    public Integer call() throws IOException {
        boolean foldPhotos = foldPhotos();
        VerifierTrainer.Settings settings;
        try {
            settings = new VerifierTrainer.Settings(scenes, validationScenes, units, epochs, l2, minCount, maxCount,
                    seed, foldPhotos);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("vision count train-verifier options", e.getMessage());
        }
        Path root = SampleMedia.projectRoot();
        Path dataDir = data != null ? data : root.resolve("target/counting-eval");
        CutoutLibrary cutouts = CutoutLibrary.load(dataDir);
        BackgroundLibrary backgrounds = BackgroundLibrary.load(dataDir);
        Path outFile = root.resolve(out != null ? out : detector != null ? DETECTOR_OUT : DEFAULT_OUT);
        Path logFile = root.resolve(log != null ? log : detector != null ? DETECTOR_LOG : DEFAULT_LOG);
        DetectorFeatures detectorFeatures = detector == null ? null : DetectorOption.load(detector);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        String command = String.format(Locale.ROOT, "vision count train-verifier --scenes %d --validation-scenes %d "
                + "--units %d --epochs %d --l2 %s --min-count %d --max-count %d --seed %d --fold %s%s", scenes,
                validationScenes, units, epochs, l2, minCount, maxCount, seed, fold,
                detector == null ? "" : " --detector " + detector);
        long start = System.nanoTime();
        try (FeatureBackbone backbone = Backbones.open(Backbones.FILTER_BANK);
             CountingDino counter = new CountingDino(backbone, new TileGrid(CountingDino.OFFICIAL_TILING_LEVELS),
                     InstanceEstimate.DEFAULT, null, detectorFeatures);
             PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(logFile))) {
            logOut.println("# " + command);
            logOut.println("# started " + Instant.now());
            logOut.flush();
            VerifierTrainer.Result result = VerifierTrainer.train(settings, counter, cutouts, backgrounds, command,
                    line -> {
                        logOut.println(String.format(Locale.ROOT, "%7.1f s  %s", (System.nanoTime() - start) / 1e9,
                                line));
                        logOut.flush();
                        System.err.println(line);
                    });
            result.verifier().write(outFile);
            logOut.printf(Locale.ROOT, "# finished %s in %.1f s: validation mean relative error %.1f %%, worst %.1f %%"
                    + "%n", Instant.now(), (System.nanoTime() - start) / 1e9, 100 * result.validationError(),
                    100 * result.worstError());
        }
        System.err.printf("verifier: %s (%d bytes)%nlog: %s%n", outFile, Files.size(outFile), logFile);
        return 0;
    }
}
