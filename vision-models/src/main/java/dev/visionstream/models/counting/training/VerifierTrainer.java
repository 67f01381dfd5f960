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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the instance verifier: composites of the training cut-out classes over training photographs, whose
 * objects' positions are known, give candidates labelled "on a counted object" (within 0.4 of its shorter side of
 * its centre) or not. The decision rule (probability threshold, suppression radius) must suit classes and
 * photographs the verifier has never seen, so it is chosen for those: each training scene pastes a class of one
 * {@link TrainingFold} on a photograph of the same fold, a network fitted on the scenes of {@link TrainingFold#FIT}
 * is run on validation scenes of {@link TrainingFold#CHECK} (other classes, other photographs), and the rule with the
 * lowest mean relative count error there is kept. The verifier itself is then fitted on the scenes of both folds.
 * Dividing the classes alone is the older setting, which the built-in verifier was trained with
 * ({@link Settings#foldPhotos()} chooses). The held-out classes and photographs and the real photographs are never
 * seen here.
 */
public final class VerifierTrainer {
    /** A candidate this close to a target's centre, in shares of its shorter side, is on it. */
    static final double ON_OBJECT = 0.4;
    private static final double[] THRESHOLDS = {0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7};
    private static final double[] SUPPRESSIONS = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    /**
     * @param scenes     training scenes
     * @param validation validation scenes (classes and photographs the fold network never saw)
     * @param units      hidden units
     * @param epochs     passes over the candidates
     * @param l2         weight decay
     * @param minCount   fewest objects in a scene
     * @param maxCount   most objects in a scene
     * @param seed       everything random follows from it
     * @param foldPhotos whether the folds divide the photographs as well as the classes (else every scene may
     *                   use any training photograph, and the validation scenes share the fold network's)
     */
    public record Settings(int scenes, int validation, int units, int epochs, double l2, int minCount, int maxCount,
                           long seed, boolean foldPhotos) {
        public Settings {
            if (scenes < 1 || validation < 1 || units < 1 || epochs < 1 || minCount < 3 || maxCount < minCount) {
                throw new IllegalArgumentException("need scenes, validation scenes, units and epochs >= 1 and "
                        + "3 <= min count <= max count, got " + this);
            }
        }
    }

    /**
     * The trained verifier and the validation figures of its rule.
     *
     * @param validationError the rule's mean relative count error on the validation scenes, with the fold network
     * @param worstError      its worst scene there
     */
    public record Result(VerifiedInstances verifier, double validationError, double worstError, int candidates,
                         int positives) {
    }

    /** The chosen rule and its figures on the validation scenes. */
    private record Rule(double threshold, double suppression, double error, double worst) {
    }

    private record Validation(List<InstanceCandidates.Candidate> candidates, int truth) {
    }

    private VerifierTrainer() {
    }

    public static Result train(Settings settings, CountingDino counter, CutoutLibrary cutouts,
                               BackgroundLibrary backgrounds, String command, Consumer<String> log) {
        List<Cutout> targets = cutouts.of(DatasetSplit.TRAIN).stream().filter(Cutout::targetLike).toList();
        List<Cutout> unseen = TrainingFold.CHECK.of(targets);
        Map<TrainingFold, BackgroundLibrary> photos = new EnumMap<>(TrainingFold.class);
        for (TrainingFold fold : TrainingFold.values()) {
            photos.put(fold, settings.foldPhotos() ? fold.of(backgrounds) : backgrounds);
        }
        if (unseen.isEmpty() || unseen.size() == targets.size()
                || photos.values().stream().anyMatch(p -> p.of(DatasetSplit.TRAIN).isEmpty())) {
            throw new IllegalArgumentException("the training split needs target-like cut-outs and photographs in "
                    + "both folds");
        }
        log.accept("training classes: " + targets.size() + ", photographs: "
                + backgrounds.of(DatasetSplit.TRAIN).size() + "; the rule is chosen on " + unseen.size()
                + " classes" + (settings.foldPhotos() ? " and " + photos.get(TrainingFold.CHECK)
                .of(DatasetSplit.TRAIN).size() + " photographs" : "") + ", unseen by the network that chooses it");
        Random rnd = new Random(settings.seed());
        List<double[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<double[]> foldFeatures = new ArrayList<>();
        List<Boolean> foldLabels = new ArrayList<>();
        int made = 0;
        while (made < settings.scenes()) {
            Target target = Target.draw(targets, rnd);
            TrainingFold fold = TrainingFold.of(target.cutout());
            CompositeScene scene = randomScene(settings, target, cutouts, photos.get(fold), rnd, made);
            if (scene == null) {
                continue;
            }
            boolean inFold = fold == TrainingFold.FIT;
            List<InstanceCandidates.Candidate> candidates = counter.candidates(scene.image(),
                    scene.entry().exemplarBoxes());
            boolean[] positive = label(candidates, scene);
            for (int i = 0; i < positive.length; i++) {
                features.add(candidates.get(i).features());
                labels.add(positive[i]);
                if (inFold) {
                    foldFeatures.add(candidates.get(i).features());
                    foldLabels.add(positive[i]);
                }
            }
            made++;
            if (made % 20 == 0) {
                log.accept("scenes " + made + "/" + settings.scenes() + ", candidates " + features.size());
            }
        }
        if (foldFeatures.isEmpty()) {
            throw new IllegalArgumentException("no training scene of the fitting fold: draw more scenes");
        }
        String backbone = VerifiedInstances.backboneLabel(counter.backbone().info());
        log.accept("fitting the fold network on " + foldFeatures.size() + " candidates of "
                + TrainingFold.FIT.of(targets).size() + " classes");
        VerifierNetwork foldNetwork = VerifierNetwork.fit(foldFeatures, foldLabels, settings.units(),
                settings.epochs(), settings.l2(), settings.seed());
        Rule rule = chooseRule(new VerifiedInstances(foldNetwork, 0.5, 1.0, backbone, ""),
                validationScenes(settings, unseen, counter, cutouts, photos.get(TrainingFold.CHECK)), log);
        long positives = labels.stream().filter(b -> b).count();
        log.accept("fitting the verifier on all " + features.size() + " candidates (" + positives + " on objects)");
        VerifierNetwork network = VerifierNetwork.fit(features, labels, settings.units(), settings.epochs(),
                settings.l2(), settings.seed());
        String provenance = String.format(Locale.ROOT, "%s: %d training-class composites (%d candidates, %d on "
                + "objects), %d hidden units, %d epochs; rule chosen on %d validation composites of %d training "
                + "classes%s that the network choosing it never saw: mean relative error %.1f %%, worst %.1f %%",
                command, settings.scenes(), features.size(), positives, settings.units(), settings.epochs(),
                settings.validation(), unseen.size(), settings.foldPhotos() ? " and photographs" : "",
                100 * rule.error(), 100 * rule.worst());
        return new Result(new VerifiedInstances(network, rule.threshold(), rule.suppression(), backbone, provenance),
                rule.error(), rule.worst(), features.size(), (int) positives);
    }

    /** The threshold and suppression with the lowest mean relative count error on the validation scenes. */
    private static Rule chooseRule(VerifiedInstances untuned, List<Validation> validation, Consumer<String> log) {
        Rule best = null;
        List<double[]> probabilities = validation.stream().map(v -> untuned.probabilities(v.candidates())).toList();
        for (double t : THRESHOLDS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "threshold %.2f:", t));
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
                if (best == null || mean < best.error()) {
                    best = new Rule(t, s, mean, worst);
                }
            }
            log.accept(line.toString());
        }
        log.accept(String.format(Locale.ROOT, "chosen: threshold %.2f, suppression %.1f (mean %.1f %%, worst %.1f %%)",
                best.threshold(), best.suppression(), 100 * best.error(), 100 * best.worst()));
        return best;
    }

    /** What a training scene counts, and whether in many colours (a quarter of the scenes, colourful classes). */
    private record Target(Cutout cutout, boolean multicolour) {
        static Target draw(List<Cutout> targets, Random rnd) {
            boolean multicolour = rnd.nextInt(4) == 0;
            List<Cutout> colourful = targets.stream().filter(Cutout::colourful).toList();
            List<Cutout> pool = multicolour && !colourful.isEmpty() ? colourful : targets;
            return new Target(pool.get(rnd.nextInt(pool.size())), multicolour && !colourful.isEmpty());
        }
    }

    /** A scene like CompositeTrainingScenes': log-uniform count, any layout. */
    private static CompositeScene randomScene(Settings settings, Target target, CutoutLibrary cutouts,
                                              BackgroundLibrary backgrounds, Random rnd, int index) {
        int count = (int) Math.round(settings.minCount() * Math.pow((double) settings.maxCount()
                / settings.minCount(), rnd.nextDouble()));
        SceneLayout layout = SceneLayout.values()[rnd.nextInt(SceneLayout.values().length)];
        SceneSpec spec = new SceneSpec(index, count, layout, target.multicolour(), rnd.nextBoolean(), rnd.nextLong());
        try {
            return CompositeScene.generate(spec, target.cutout(), DatasetSplit.TRAIN, cutouts, backgrounds);
        } catch (IllegalStateException e) {
            return null; // no room for that many of this cut-out: draw another scene
        }
    }

    /** Whether each candidate is on a counted object of the scene. */
    private static boolean[] label(List<InstanceCandidates.Candidate> candidates, CompositeScene scene) {
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
        return positive;
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
