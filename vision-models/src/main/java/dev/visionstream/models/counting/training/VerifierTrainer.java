package dev.visionstream.models.counting.training;

import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.InstanceCandidates;
import dev.visionstream.models.counting.VerifiedInstances;
import dev.visionstream.models.counting.VerifierNetwork;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CompositeScene;
import dev.visionstream.models.counting.evaluation.Cutout;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import dev.visionstream.models.counting.evaluation.PastedObject;
import dev.visionstream.models.counting.evaluation.PixelBox;
import dev.visionstream.models.counting.evaluation.SceneLayout;
import dev.visionstream.models.counting.evaluation.SceneSpec;
import dev.visionstream.schemas.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the instance verifier: composites of the training cut-out classes over training photographs, whose
 * objects' positions are known, give candidates labelled "on a counted object" (within 0.4 of its shorter side of
 * its centre) or not; the network is fitted on those, and the decision rule (probability threshold, suppression
 * radius) is chosen by the count's mean relative error on validation scenes of the same classes drawn with other
 * seeds. The held-out classes and the real photographs are never seen here.
 */
public final class VerifierTrainer {
    /** A candidate this close to a target's centre, in shares of its shorter side, is on it. */
    static final double ON_OBJECT = 0.4;
    private static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7};
    private static final double[] SUPPRESSIONS = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    /**
     * @param scenes     training scenes
     * @param validation validation scenes (same classes, other seeds)
     * @param units      hidden units
     * @param epochs     passes over the candidates
     * @param l2         weight decay
     * @param minCount   fewest objects in a scene
     * @param maxCount   most objects in a scene
     * @param seed       everything random follows from it
     */
    public record Settings(int scenes, int validation, int units, int epochs, double l2, int minCount, int maxCount,
                           long seed) {
        public Settings {
            if (scenes < 1 || validation < 1 || units < 1 || epochs < 1 || minCount < 3 || maxCount < minCount) {
                throw new IllegalArgumentException("need scenes, validation scenes, units and epochs >= 1 and "
                        + "3 <= min count <= max count, got " + this);
            }
        }
    }

    /** The trained verifier and the validation figures of its rule. */
    public record Result(VerifiedInstances verifier, double validationError, double worstError, int candidates,
                         int positives) {
    }

    private record Labelled(List<InstanceCandidates.Candidate> candidates, boolean[] positive) {
    }

    private record Validation(List<InstanceCandidates.Candidate> candidates, int truth) {
    }

    private VerifierTrainer() {
    }

    public static Result train(Settings settings, CountingDino counter, CutoutLibrary cutouts,
                               BackgroundLibrary backgrounds, String command, Consumer<String> log) {
        List<Cutout> targets = cutouts.of(DatasetSplit.TRAIN).stream().filter(Cutout::targetLike).toList();
        if (targets.isEmpty() || backgrounds.of(DatasetSplit.TRAIN).isEmpty()) {
            throw new IllegalArgumentException("the training split has no target-like cut-outs or no photographs");
        }
        Random rnd = new Random(settings.seed());
        List<double[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        int made = 0;
        while (made < settings.scenes()) {
            CompositeScene scene = randomScene(settings, targets, cutouts, backgrounds, rnd, made);
            if (scene == null) {
                continue;
            }
            Labelled l = label(counter, scene);
            for (int i = 0; i < l.candidates().size(); i++) {
                features.add(l.candidates().get(i).features());
                labels.add(l.positive()[i]);
            }
            made++;
            if (made % 20 == 0) {
                log.accept("scenes " + made + "/" + settings.scenes() + ", candidates " + features.size());
            }
        }
        long positives = labels.stream().filter(b -> b).count();
        log.accept("fitting on " + features.size() + " candidates (" + positives + " on objects)");
        VerifierNetwork network = VerifierNetwork.fit(features, labels, settings.units(), settings.epochs(),
                settings.l2(), settings.seed());
        List<Validation> validation = validationScenes(settings, targets, counter, cutouts, backgrounds);
        VerifiedInstances untuned = new VerifiedInstances(network, 0.5, 1.0,
                VerifiedInstances.backboneLabel(counter.backbone().info()), "");
        double bestError = Double.MAX_VALUE;
        double bestWorst = 0;
        double bestThreshold = 0.5;
        double bestSuppression = 0.6;
        List<double[]> probabilities = validation.stream().map(v -> untuned.probabilities(v.candidates())).toList();
        for (double t : THRESHOLDS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "threshold %.1f:", t));
            for (double s : SUPPRESSIONS) {
                VerifiedInstances rule = untuned.withRule(t, s);
                double sum = 0;
                double worst = 0;
                for (int i = 0; i < validation.size(); i++) {
                    Validation v = validation.get(i);
                    int n = rule.keep(v.candidates(), probabilities.get(i)).size();
                    double e = Math.abs(n - v.truth()) / (double) v.truth();
                    sum += e;
                    worst = Math.max(worst, e);
                }
                double mean = sum / validation.size();
                line.append(String.format(Locale.ROOT, "  s %.1f %5.1f %%", s, 100 * mean));
                if (mean < bestError) {
                    bestError = mean;
                    bestWorst = worst;
                    bestThreshold = t;
                    bestSuppression = s;
                }
            }
            log.accept(line.toString());
        }
        String provenance = String.format(Locale.ROOT, "%s: %d training-class composites (%d candidates, %d on "
                + "objects), %d hidden units, %d epochs; rule chosen on %d validation composites of the training "
                + "classes (other seeds): mean relative error %.1f %%, worst %.1f %%", command, settings.scenes(),
                features.size(), positives, settings.units(), settings.epochs(), validation.size(), 100 * bestError,
                100 * bestWorst);
        log.accept(String.format(Locale.ROOT, "chosen: threshold %.1f, suppression %.1f", bestThreshold,
                bestSuppression));
        return new Result(new VerifiedInstances(network, bestThreshold, bestSuppression,
                untuned.backbone(), provenance), bestError, bestWorst, features.size(), (int) positives);
    }

    /** A scene like CompositeTrainingScenes': log-uniform count, any layout, a quarter multicoloured. */
    private static CompositeScene randomScene(Settings settings, List<Cutout> targets, CutoutLibrary cutouts,
                                              BackgroundLibrary backgrounds, Random rnd, int index) {
        int count = (int) Math.round(settings.minCount() * Math.pow((double) settings.maxCount()
                / settings.minCount(), rnd.nextDouble()));
        SceneLayout layout = SceneLayout.values()[rnd.nextInt(SceneLayout.values().length)];
        boolean multicolour = rnd.nextInt(4) == 0;
        List<Cutout> pool = multicolour ? targets.stream().filter(Cutout::colourful).toList() : targets;
        if (pool.isEmpty()) {
            pool = targets;
            multicolour = false;
        }
        Cutout target = pool.get(rnd.nextInt(pool.size()));
        SceneSpec spec = new SceneSpec(index, count, layout, multicolour, rnd.nextBoolean(), rnd.nextLong());
        try {
            return CompositeScene.generate(spec, target, DatasetSplit.TRAIN, cutouts, backgrounds);
        } catch (IllegalStateException e) {
            return null; // no room for that many of this cut-out: draw another scene
        }
    }

    private static Labelled label(CountingDino counter, CompositeScene scene) {
        List<InstanceCandidates.Candidate> candidates = counter.candidates(scene.image(),
                scene.entry().exemplarBoxes());
        boolean[] positive = new boolean[candidates.size()];
        for (PastedObject o : scene.objects()) {
            if (!o.target()) {
                continue;
            }
            PixelBox b = o.box();
            double cx = (b.x1() + b.x2()) / 2.0;
            double cy = (b.y1() + b.y2()) / 2.0;
            double reach = ON_OBJECT * Math.min(b.x2() - b.x1(), b.y2() - b.y1());
            for (int i = 0; i < positive.length; i++) {
                InstanceCandidates.Candidate c = candidates.get(i);
                if (Math.hypot(c.x() - cx, c.y() - cy) < reach) {
                    positive[i] = true;
                }
            }
        }
        return new Labelled(candidates, positive);
    }

    private static List<Validation> validationScenes(Settings settings, List<Cutout> targets, CountingDino counter,
                                                     CutoutLibrary cutouts, BackgroundLibrary backgrounds) {
        List<Validation> out = new ArrayList<>();
        for (SceneSpec spec : SceneSpec.plan(settings.validation(), settings.minCount(), settings.maxCount(),
                settings.seed() + 1_000)) {
            List<Cutout> pool = targets.stream().filter(c -> !spec.multicolour() || c.colourful()).toList();
            Cutout target = pool.get((int) Math.floorMod(spec.seed(), (long) pool.size()));
            CompositeScene scene = CompositeScene.generate(spec, target, DatasetSplit.TRAIN, cutouts, backgrounds);
            List<Box> exemplars = scene.entry().exemplarBoxes();
            out.add(new Validation(counter.candidates(scene.image(), exemplars), scene.entry().count()));
        }
        return out;
    }
}
