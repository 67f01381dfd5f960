package dev.visionstream.models.counting.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.visionstream.models.FiniteGradients;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.TorchThreads;
import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.ExemplarMapping;
import dev.visionstream.models.counting.LearnedBackbone;
import dev.visionstream.models.counting.TileGrid;
import dev.visionstream.models.counting.TileSampler;
import dev.visionstream.models.image.ImageTensors;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains {@link LearnedBackbone} end to end through the counting pipeline ({@link PipelineCount}): one scene per
 * step, loss |log((count + 1) / (truth + 1))| on the density count. A checkpoint is kept every {@code evalEvery}
 * steps; after the run each is scored through the stage's own {@link CountingDino} on validation scenes (classes
 * never trained on) by the mean relative error of each estimator, and the one with the lowest error of either wins.
 */
public final class BackboneTrainer {
    /**
     * How a run is set up.
     *
     * @param tiling the tiling of the training scenes (validation counts as the stage does, with its own tiling)
     */
    public record Settings(int steps, float learningRate, int evalEvery, TileGrid tiling, long seed) {
    }

    /** The kept checkpoint and its validation errors. */
    public record Result(int stepsDone, int bestStep, CountEstimator bestEstimator, double bestError,
                         byte[] weights) {
    }

    /** Progress lines for the log. */
    public interface Progress {
        void step(int step, double loss, double count, int truth);

        void validation(String line);
    }

    private BackboneTrainer() {
    }

    public static Result train(Settings s, Function<Random, TrainingScene> scenes, List<TrainingScene> validation,
                               Progress progress, Duration timeLimit) {
        try (TorchThreads single = TorchThreads.limit(1)) {
            return run(s, scenes, validation, progress, timeLimit);
        }
    }

    private static Result run(Settings s, Function<Random, TrainingScene> scenes, List<TrainingScene> validation,
                              Progress progress, Duration timeLimit) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        Engine.getInstance().setRandomSeed((int) s.seed());
        Random random = new Random(s.seed());
        SequentialBlock network = LearnedBackbone.network();
        try (Model model = Model.newInstance("counting-cnn")) {
            model.setBlock(network);
            Tracker rate = step -> step < s.steps() * 3 / 4 ? s.learningRate() : s.learningRate() / 4;
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(rate).optClipGrad(1f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, LearnedBackbone.TILE_SIZE, LearnedBackbone.TILE_SIZE));
                // checkpoints are scored after the run: counting through the stage between training steps turned
                // the next steps' gradients into NaN (reproducibly; saving alone did not)
                Map<Integer, byte[]> checkpoints = new LinkedHashMap<>();
                checkpoints.put(0, LearnedBackbone.save(network));
                int done = 0;
                int skipped = 0;
                for (int step = 0; step < s.steps() && System.nanoTime() < deadline; step++) {
                    done = step + 1;
                    TrainingScene scene = scenes.apply(random);
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray tiles = tiles(batch, scene.image(), s.tiling());
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            // the trainer's own parameter store: a separate one left the parameters without gradients
                            NDArray features = trainer.forward(LearnedBackbone.input(tiles)).singletonOrThrow();
                            int grid = LearnedBackbone.GRID * s.tiling().tilesPerSide();
                            NDArray stitched = s.tiling().stitch(features, 1).get(0);
                            NDArray count;
                            try {
                                count = PipelineCount.densityCount(stitched, ExemplarMapping.map(scene.exemplars(),
                                        scene.image().getWidth(), scene.image().getHeight(), grid).cells());
                            } catch (IllegalArgumentException e) {
                                progress.validation("step " + (step + 1) + ": scene skipped, " + e.getMessage());
                                continue;
                            }
                            // |log((count + 1) / (truth + 1))|: a factor of two off costs the same at 10 as at 300
                            NDArray loss = count.add(GraphScalar.of(count, 1f)).log()
                                    .sub(GraphScalar.of(count, (float) Math.log(scene.count() + 1.0))).abs();
                            collector.backward(loss);
                            progress.step(step + 1, loss.getFloat(), count.getFloat(), scene.count());
                        }
                        if (FiniteGradients.checkOrZero(network.getParameters().values())) {
                            trainer.step();
                        } else {
                            skipped++;
                            progress.validation("step " + (step + 1) + ": non-finite gradients, update skipped ("
                                    + skipped + " so far)");
                        }
                    }
                    if (done % s.evalEvery() == 0) {
                        checkpoints.put(done, LearnedBackbone.save(network));
                    }
                }
                checkpoints.putIfAbsent(done, LearnedBackbone.save(network));
                Result best = null;
                for (Map.Entry<Integer, byte[]> c : checkpoints.entrySet()) {
                    best = validate(c.getValue(), c.getKey(), validation, progress, best);
                }
                return new Result(done, best.bestStep(), best.bestEstimator(), best.bestError(), best.weights());
            }
        }
    }

    /** The scene's tiles as the stage cuts them: {@code [tiles, 3, S, S]} in [0, 1]. */
    static NDArray tiles(NDManager manager, BufferedImage image, TileGrid tiling) {
        NDArray frame = manager.create(ImageTensors.planarRgb(image),
                new Shape(1, 3, image.getHeight(), image.getWidth()));
        return TileSampler.tiles(frame, tiling, LearnedBackbone.TILE_SIZE);
    }

    /** Mean relative error of each estimator through the stage's own counter; keeps the better checkpoint. */
    private static Result validate(byte[] weights, int step, List<TrainingScene> validation, Progress progress,
                                   Result best) {
        double density = 0;
        double instances = 0;
        try (LearnedBackbone backbone = LearnedBackbone.fromBytes(weights, "checkpoint");
             CountingDino counter = new CountingDino(backbone)) {
            for (TrainingScene scene : validation) {
                CountResult r = counter.count(scene.image(), scene.exemplars(), CountEstimator.DENSITY);
                density += Math.abs(r.densityCount() - scene.count()) / scene.count();
                instances += Math.abs(r.instanceCount() - scene.count()) / (double) scene.count();
            }
        } catch (RuntimeException e) {
            progress.validation(String.format("validation step %d: failed (%s)", step, e.getMessage()));
            return best == null ? new Result(step, step, CountEstimator.DENSITY, Double.POSITIVE_INFINITY, weights)
                    : best;
        }
        density /= validation.size();
        instances /= validation.size();
        CountEstimator better = instances < density ? CountEstimator.INSTANCES : CountEstimator.DENSITY;
        double error = Math.min(density, instances);
        boolean improved = best == null || error < best.bestError();
        progress.validation(String.format(Locale.ROOT, "validation step %d: mean relative error density "
                + "%.4f, instances %.4f%s", step, density, instances, improved ? " (best so far)" : ""));
        return improved ? new Result(step, step, better, error, weights) : best;
    }
}
