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
import dev.visionstream.models.FiniteGradients;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.TorchThreads;
import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.models.inpainting.BlendInpainter;
import dev.visionstream.models.inpainting.BlendWeights;
import dev.visionstream.models.inpainting.HoleTensors;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.inpainting.RegionStatistics;
import dev.visionstream.models.inpainting.RnGenerator;
import dev.visionstream.models.inpainting.RnInpainter;
import dev.visionstream.models.inpainting.RnWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains an RN generator on random photo patches with irregular masks drawn at frame scale, on the CPU with DJL.
 * The loss scores the composite only (hole L1, optionally plus hole L2), as the official loss does: valid pixels are
 * returned untouched, so asking the network for them teaches nothing. Every {@code evalEvery} steps, and at step 0,
 * the generator is scored on the validation cases through the service's own {@link RnInpainter}; the checkpoint with
 * the best mean hole PSNR is kept, so a residual generator (zero last layer: the pre-fill at step 0) never ends worse
 * than its pre-fill on validation, nor a fine-tuned one worse than its start.
 */
public final class RnTrainer {
    /** The kept checkpoint. */
    public record Result(int stepsDone, int bestStep, double bestPsnr, byte[] weights) {
    }

    private RnTrainer() {
    }

    /**
     * The official init draws every conv bias from Normal(0.0001, 1); over a few thousand CPU steps those
     * offsets dominate, so the in-project run starts them at 0. Weights keep the official Kaiming × 0.1 init.
     */
    private static void zeroBiases(RnGenerator generator) {
        generator.officialParameters().forEach((name, parameter) -> {
            if (name.endsWith(".bias")) {
                parameter.getArray().set(new float[(int) parameter.getShape().size()]);
            }
        });
    }

    /**
     * @param initial weights to start from (fine-tuning: same width, head and normalisation; their resolution marker
     *                is ignored), or null for the project's initialisation with a zero last layer
     */
    public static Result train(TrainingSettings s, PhotoPool photos, BlendWeights blend,
                               List<HeldOutEvaluation.Case> validation, TrainingProgress progress, Duration timeLimit,
                               RnWeights initial) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation cases: the checkpoint could not be chosen");
        }
        // one intra-op thread: with two, PyTorch 2.7's CPU backward of this generator returned NaN gradients at
        // random once RN-L's regions were mixed (never with one thread, in repeated runs)
        try (TorchThreads single = TorchThreads.limit(1)) {
            return trainSingleThreaded(s, photos, blend, validation, progress, timeLimit, initial);
        }
    }

    private static Result trainSingleThreaded(TrainingSettings s, PhotoPool photos, BlendWeights blend,
                                              List<HeldOutEvaluation.Case> validation, TrainingProgress progress,
                                              Duration timeLimit, RnWeights initial) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        Engine.getInstance().setRandomSeed((int) s.seed());
        Random random = new Random(s.seed());
        BlendInpainter prefill = new BlendInpainter(blend, "training");
        RnGenerator generator = new RnGenerator(s.width(), s.head(), s.normalization(), s.resolution());
        generator.setStatistics(RegionStatistics.PER_IMAGE);
        try (Model model = Model.newInstance("rn-inpainting")) {
            model.setBlock(generator);
            Tracker rate = step -> step < s.steps() * 3 / 4 ? s.learningRate() : s.learningRate() / 2;
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(rate).optBeta1(0.5f).optBeta2(0.999f)
                            .optClipGrad(1f).build());
            try (Trainer trainer = model.newTrainer(config)) {
                int p = s.patch();
                trainer.initialize(new Shape(s.batch(), 3, p, p), new Shape(s.batch(), 1, p, p));
                if (initial != null) {
                    if (initial.head() != s.head() || initial.normalization() != s.normalization()) {
                        throw new IllegalArgumentException("the initial weights are a " + initial.head() + " "
                                + initial.normalization() + " generator, the run trains a " + s.head() + " "
                                + s.normalization() + " one");
                    }
                    initial.loadInto(generator);
                } else {
                    zeroBiases(generator);
                    if (s.head() == RnGenerator.Head.RESIDUAL) {
                        generator.zeroOutputLayer();
                    }
                }
                Result best = validate(generator, 0, blend, validation, progress, null);
                int done = 0;
                int skipped = 0;
                int plane = p * p;
                for (int step = 0; step < s.steps() && System.nanoTime() < deadline; step++) {
                    float[] targets = new float[s.batch() * 3 * plane];
                    float[] inputs = new float[s.batch() * 3 * plane];
                    float[] holes = new float[s.batch() * plane];
                    for (int b = 0; b < s.batch(); b++) {
                        photos.samplePatch(p, random, targets, b * 3 * plane);
                        InpaintMask mask = patchMask(s, random);
                        System.arraycopy(HoleTensors.holes(mask), 0, holes, b * plane, plane);
                        System.arraycopy(input(s, prefill, targets, b * 3 * plane, mask), 0, inputs, b * 3 * plane,
                                3 * plane);
                    }
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray x = batch.create(targets, new Shape(s.batch(), 3, p, p));
                        NDArray in = batch.create(inputs, new Shape(s.batch(), 3, p, p));
                        NDArray m = batch.create(holes, new Shape(s.batch(), 1, p, p));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(in, m)).singletonOrThrow();
                            NDArray error = out.clip(0f, 1f).sub(x).mul(m);
                            NDArray count = m.sum().mul(3f).maximum(1f);
                            NDArray holeL1 = error.abs().sum().div(count);
                            NDArray loss = holeL1;
                            if (s.l2Weight() > 0) {
                                loss = loss.add(error.square().sum().div(count)
                                        .mul(GraphScalar.of(holeL1, s.l2Weight())));
                            }
                            collector.backward(loss);
                            progress.step(step + 1, s.steps(), loss.getFloat(), holeL1.getFloat());
                        }
                        if (FiniteGradients.checkOrZero(generator.officialParameters().values())) {
                            trainer.step();
                        } else {
                            skipped++;
                            progress.validation("step " + (step + 1) + ": non-finite gradients, update skipped ("
                                    + skipped + " so far)");
                        }
                    }
                    done = step + 1;
                    if (done % s.evalEvery() == 0 || done == s.steps()) {
                        best = validate(generator, done, blend, validation, progress, best);
                    }
                }
                if (done % s.evalEvery() != 0 && done != s.steps() && done > 0) {
                    best = validate(generator, done, blend, validation, progress, best);
                }
                return new Result(done, best.bestStep(), best.bestPsnr(), best.weights());
            }
        }
    }

    /** A mask drawn on a whole frame, then the patch-sized window cut from it (retried until it holds a hole). */
    private static InpaintMask patchMask(TrainingSettings s, Random random) {
        int p = s.patch();
        for (int attempt = 0; ; attempt++) {
            InpaintMask frame = IrregularMasks.generate(s.frame(), s.frame(), s.minHole(), s.maxHole(), random);
            for (int window = 0; window < 8; window++) {
                InpaintMask mask = frame.crop(random.nextInt(s.frame() - p + 1), random.nextInt(s.frame() - p + 1),
                        p, p);
                double f = mask.holeFraction();
                if ((f >= 0.02 && f <= 0.9) || attempt > 20) {
                    return mask.isEmpty() || mask.isFull() ? IrregularMasks.generate(p, p, 0.1, 0.5, random) : mask;
                }
            }
        }
    }

    /** The generator's input: the blend pre-fill (residual head) or the holes painted white (published head). */
    private static float[] input(TrainingSettings s, BlendInpainter prefill, float[] targets, int offset,
                                 InpaintMask mask) {
        int p = s.patch();
        var image = ImageTensors.fromPlanarUnit(targets, offset, p, p);
        if (s.head() == RnGenerator.Head.RESIDUAL) {
            return prefill.prefill(image, mask);
        }
        float[] in = Arrays.copyOfRange(targets, offset, offset + 3 * p * p);
        HoleTensors.paintHolesWhite(in, 0, mask);
        return in;
    }

    /** Scores the current weights on the validation cases, logs the line and the RN-L activity, keeps the best. */
    private static Result validate(RnGenerator generator, int step, BlendWeights blend,
                                   List<HeldOutEvaluation.Case> validation, TrainingProgress progress, Result best) {
        byte[] bytes = weights(generator);
        double[] activity;
        List<HeldOutEvaluation.Score> scores;
        try (RnInpainter candidate = RnInpainter.fromBytes(bytes, "checkpoint", "training checkpoint", blend)) {
            candidate.generator().setRecordActivity(true);
            scores = HeldOutEvaluation.score(candidate, validation);
            activity = candidate.generator().learnableNormActivity();
        }
        double psnr = scores.stream().mapToDouble(HeldOutEvaluation.Score::psnr).average().orElseThrow();
        boolean better = best == null || psnr > best.bestPsnr();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "validation step %d: hole PSNR", step));
        scores.forEach(sc -> line.append(String.format(Locale.ROOT, " band%d %.3f dB", sc.band(), sc.psnr())));
        line.append(String.format(Locale.ROOT, ", mean %.3f dB%s; RN-L share of positions >= 0.8:", psnr,
                better ? " (best so far)" : ""));
        for (double a : activity) {
            line.append(String.format(Locale.ROOT, " %.3f", a));
        }
        progress.validation(line.toString());
        return better ? new Result(step, step, psnr, bytes) : best;
    }

    private static byte[] weights(RnGenerator generator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RnWeights.write(generator, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
