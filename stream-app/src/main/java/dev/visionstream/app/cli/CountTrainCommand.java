package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.counting.TileGrid;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CompositeScene;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import dev.visionstream.models.counting.evaluation.SceneSpec;
import dev.visionstream.models.counting.training.BackboneTrainer;
import dev.visionstream.models.counting.training.CompositeTrainingScenes;
import dev.visionstream.models.counting.training.TrainingScene;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision count train}: trains the built-in counting CNN through the counting pipeline. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the learned counting backbone (a small CNN) end to end through the counting "
                + "pipeline on composite scenes of the training cut-out classes over training photographs (loss on "
                + "the density count), with DJL on the CPU. Checkpoints are scored through the stage's own counter "
                + "on scenes of the held-out classes (other seeds than make-eval-set's) and the best is kept.",
                "Data: scripts/fetch-counting-eval-data.sh. Writes the weights and a log. Fixed seed.",
                "Exit codes: 0 trained, 2 bad options or data not fetched."})
final class CountTrainCommand implements Callable<Integer> {
    static final Path DEFAULT_WEIGHTS = Path.of(
            "vision-models/src/main/resources/dev/visionstream/models/counting/learned-backbone.npz");
    static final Path DEFAULT_LOG = Path.of("docs/counting/learned-backbone-training.txt");

    @Option(names = "--data", paramLabel = "DIR", description = "Where scripts/fetch-counting-eval-data.sh fetched to "
            + "(default: target/counting-eval).")
    Path data;

    @Option(names = "--steps", defaultValue = "2500", description = "Optimiser steps, one scene each (default: "
            + "${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate, a quarter of it for the last "
            + "quarter of the steps (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--eval-every", defaultValue = "250", description = "Steps between checkpoints (default: "
            + "${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--validation-scenes", defaultValue = "12", description = "Held-out-class scenes that choose the "
            + "checkpoint (default: ${DEFAULT-VALUE}).")
    int validationScenes;

    @Option(names = "--min-count", defaultValue = "8", description = "Fewest objects in a training scene (default: "
            + "${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-count", defaultValue = "150", description = "Most objects in a training scene (default: "
            + "${DEFAULT-VALUE}).")
    int maxCount;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-minutes", defaultValue = "24", description = "Stop after this much wall time even if steps "
            + "remain (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--out", paramLabel = "FILE", description = "Weights (default: the built-in resource).")
    Path out;

    @Option(names = "--log", paramLabel = "FILE", description = "Training log (default: " + "docs/counting/"
            + "learned-backbone-training.txt).")
    Path log;

    @Override
    public Integer call() throws IOException {
        Path root = SampleMedia.projectRoot();
        Path dataDir = data != null ? data : root.resolve("target/counting-eval");
        CutoutLibrary cutouts = CutoutLibrary.load(dataDir);
        BackgroundLibrary backgrounds = BackgroundLibrary.load(dataDir);
        // 640x480 scenes shrunk to 320x240 and tiled 2x2: the same tile pixels as the stage's 4x4 tiling
        CompositeTrainingScenes scenes = new CompositeTrainingScenes(cutouts, backgrounds, DatasetSplit.TRAIN,
                minCount, maxCount, 2);
        List<TrainingScene> validation = new ArrayList<>();
        // validation scenes: held-out classes at the stage's own size, seeds apart from make-eval-set's
        for (SceneSpec spec : SceneSpec.plan(validationScenes, 10, 200, seed + 1_000)) {
            var order = cutouts.of(DatasetSplit.EVAL).stream()
                    .filter(c -> c.targetLike() && (!spec.multicolour() || c.colourful())).toList();
            var target = order.get(spec.index() * 7 % order.size());
            CompositeScene scene = CompositeScene.generate(spec, target, DatasetSplit.EVAL, cutouts, backgrounds);
            validation.add(new TrainingScene(scene.image(), scene.entry().exemplarBoxes(), scene.entry().count()));
        }
        Path weightsFile = root.resolve(out != null ? out : DEFAULT_WEIGHTS);
        Path logFile = root.resolve(log != null ? log : DEFAULT_LOG);
        for (Path f : List.of(weightsFile, logFile)) {
            Files.createDirectories(f.toAbsolutePath().getParent());
        }
        long start = System.nanoTime();
        BackboneTrainer.Settings settings = new BackboneTrainer.Settings(steps, learningRate, evalEvery,
                new TileGrid(1), seed);
        try (PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(logFile))) {
            logOut.printf(Locale.ROOT, "# vision count train --steps %d --lr %s --eval-every %d --validation-scenes %d "
                            + "--min-count %d --max-count %d --seed %d --max-minutes %s%n", steps, learningRate,
                    evalEvery, validationScenes, minCount, maxCount, seed, maxMinutes);
            logOut.println("# started " + Instant.now() + "; " + cutouts.of(DatasetSplit.TRAIN).size()
                    + " training cut-out classes, " + backgrounds.of(DatasetSplit.TRAIN).size()
                    + " training photographs; validation: " + validation.size() + " scenes of held-out classes");
            logOut.println("# " + settings);
            logOut.println("# step loss count truth seconds");
            logOut.flush();
            BackboneTrainer.Result result = BackboneTrainer.train(settings, scenes, validation,
                    new BackboneTrainer.Progress() {
                        @Override
                        public void step(int step, double loss, double count, int truth) {
                            logOut.printf(Locale.ROOT, "%d %.4f %.2f %d %.1f%n", step, loss, count, truth,
                                    (System.nanoTime() - start) / 1e9);
                            logOut.flush();
                            if (step % 50 == 0) {
                                System.err.printf(Locale.ROOT, "step %d/%d loss %.3f%n", step, steps, loss);
                            }
                        }

                        @Override
                        public void validation(String line) {
                            logOut.println("# " + line);
                            logOut.flush();
                            System.err.println(line);
                        }
                    }, Duration.ofSeconds((long) (maxMinutes * 60)));
            Files.write(weightsFile, result.weights());
            String end = String.format(Locale.ROOT, "# finished %s: %d of %d steps in %.1f s; kept step %d, validation "
                            + "mean relative error %.4f (%s)", Instant.now(), result.stepsDone(), steps,
                    (System.nanoTime() - start) / 1e9, result.bestStep(), result.bestError(),
                    result.bestEstimator().label());
            logOut.println(end);
            System.err.println(end.substring(2));
        }
        System.err.printf("weights: %s (%d bytes)%nlog: %s%n", weightsFile, Files.size(weightsFile), logFile);
        return 0;
    }
}
