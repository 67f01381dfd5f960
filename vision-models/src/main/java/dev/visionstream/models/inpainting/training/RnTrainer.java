package dev.visionstream.models.inpainting.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.inpainting.ImageTensors;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.inpainting.RegionStatistics;
import dev.visionstream.models.inpainting.RnGenerator;
import dev.visionstream.models.inpainting.RnWeights;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;

/**
 * Trains an RN generator on random photo patches with generated irregular masks, on the CPU with DJL: input
 * X(1 − M) + M, loss holeWeight · mean|G − X| over holes + mean|G − X| over valid pixels (the released code's L1
 * term, without the adversarial term). Region statistics are per image, as the service runs the model. Conv
 * biases start at 0 (see {@link #zeroBiases}).
 */
public final class RnTrainer {
    private RnTrainer() {
    }

    /**
     * The official init draws every conv bias from Normal(0.0001, 1) (spec §8); over a few hundred CPU steps those
     * offsets (in the output colour and in RN-L's (1 + γ) scale) dominate, so the short in-project run starts
     * them at 0. Weights keep the official Kaiming × 0.1 init.
     */
    private static void zeroBiases(RnGenerator generator) {
        generator.officialParameters().forEach((name, parameter) -> {
            if (name.endsWith(".bias")) {
                parameter.getArray().set(new float[(int) parameter.getShape().size()]);
            }
        });
    }

    /**
     * Trains and writes the weights (official key names) to {@code weightsOut}.
     *
     * @param timeLimit stop after the step that crosses it (the steps done are returned and belong in the log)
     * @return the number of optimiser steps done
     */
    public static int train(TrainingSettings s, PhotoPool photos, TrainingProgress progress, Duration timeLimit,
                            OutputStream weightsOut) throws IOException {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        int done = 0;
        Engine.getInstance().setRandomSeed((int) s.seed());
        Random random = new Random(s.seed());
        RnGenerator generator = new RnGenerator(s.width());
        generator.setStatistics(RegionStatistics.PER_IMAGE);
        try (Model model = Model.newInstance("rn-inpainting")) {
            model.setBlock(generator);
            Tracker rate = step -> step < s.steps() * 3 / 4 ? s.learningRate() : s.learningRate() / 2;
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(rate).optBeta1(0.5f).optBeta2(0.999f)
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                int p = s.patch();
                trainer.initialize(new Shape(s.batch(), 3, p, p), new Shape(s.batch(), 1, p, p));
                zeroBiases(generator);
                int plane = p * p;
                for (int step = 0; step < s.steps() && System.nanoTime() < deadline; step++) {
                    float[] images = new float[s.batch() * 3 * plane];
                    float[] holes = new float[s.batch() * plane];
                    for (int b = 0; b < s.batch(); b++) {
                        photos.samplePatch(p, random, images, b * 3 * plane);
                        InpaintMask mask = IrregularMasks.generate(p, p, s.minHole(), s.maxHole(), random);
                        System.arraycopy(ImageTensors.toPlanar(mask), 0, holes, b * plane, plane);
                    }
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray x = batch.create(images, new Shape(s.batch(), 3, p, p));
                        NDArray m = batch.create(holes, new Shape(s.batch(), 1, p, p));
                        NDArray input = x.mul(m.neg().add(1f)).add(m);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(input, m)).singletonOrThrow();
                            NDArray error = out.sub(x).abs();
                            NDArray holeL1 = error.mul(m).sum().div(m.sum().mul(3f).maximum(1f));
                            NDArray valid = m.neg().add(1f);
                            NDArray validL1 = error.mul(valid).sum().div(valid.sum().mul(3f).maximum(1f));
                            NDArray loss = holeL1.mul(GraphScalar.of(holeL1, s.holeWeight())).add(validL1);
                            collector.backward(loss);
                            progress.step(step + 1, s.steps(), loss.getFloat(), holeL1.getFloat(),
                                    validL1.getFloat());
                        }
                        trainer.step();
                    }
                    done = step + 1;
                }
            }
            RnWeights.write(generator, weightsOut);
        }
        return done;
    }
}
