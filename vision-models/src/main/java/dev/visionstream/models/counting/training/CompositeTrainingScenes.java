package dev.visionstream.models.counting.training;

import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CompositeScene;
import dev.visionstream.models.counting.evaluation.Cutout;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import dev.visionstream.models.counting.evaluation.SceneLayout;
import dev.visionstream.models.counting.evaluation.SceneSpec;
import dev.visionstream.schemas.Box;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Endless composite scenes of one split's classes for training: a random target-like class, a count drawn
 * log-uniformly from {@code minCount} to {@code maxCount}, a random layout, multicoloured a quarter of the time and
 * on a busy background half the time, among distractors of other classes. Scenes are made at the evaluation size
 * and shrunk {@code shrink} times (the backbone sees tiles of the same pixel size either way, with objects that much
 * smaller, so small tilings train fast).
 */
public final class CompositeTrainingScenes implements Function<Random, TrainingScene> {
    private final CutoutLibrary cutouts;
    private final BackgroundLibrary backgrounds;
    private final DatasetSplit split;
    private final List<Cutout> targets;
    private final int minCount;
    private final int maxCount;
    private final int shrink;

    public CompositeTrainingScenes(CutoutLibrary cutouts, BackgroundLibrary backgrounds, DatasetSplit split,
                                   int minCount, int maxCount, int shrink) {
        this.cutouts = cutouts;
        this.backgrounds = backgrounds;
        this.split = split;
        this.targets = cutouts.of(split).stream().filter(Cutout::targetLike).toList();
        if (targets.isEmpty() || backgrounds.of(split).isEmpty()) {
            throw new IllegalArgumentException("the " + split.label() + " split has no target-like cut-outs or no "
                    + "background photographs");
        }
        this.minCount = minCount;
        this.maxCount = maxCount;
        this.shrink = shrink;
    }

    @Override
    public TrainingScene apply(Random random) {
        for (int attempt = 0; ; attempt++) {
            int count = (int) Math.round(minCount * Math.pow((double) maxCount / minCount, random.nextDouble()));
            SceneLayout layout = SceneLayout.values()[random.nextInt(SceneLayout.values().length)];
            boolean multicolour = random.nextInt(4) == 0;
            List<Cutout> pool = multicolour ? targets.stream().filter(Cutout::colourful).toList() : targets;
            Cutout target = (pool.isEmpty() ? targets : pool).get(random.nextInt((pool.isEmpty() ? targets : pool)
                    .size()));
            SceneSpec spec = new SceneSpec(0, count, layout, multicolour && !pool.isEmpty(), random.nextBoolean(),
                    random.nextLong());
            try {
                CompositeScene scene = CompositeScene.generate(spec, target, split, cutouts, backgrounds);
                return shrunk(scene);
            } catch (IllegalStateException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    private TrainingScene shrunk(CompositeScene scene) {
        BufferedImage full = scene.image();
        List<Box> boxes = scene.entry().exemplarBoxes();
        if (shrink == 1) {
            return new TrainingScene(full, boxes, scene.entry().count());
        }
        BufferedImage small = new BufferedImage(full.getWidth() / shrink, full.getHeight() / shrink,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(full, 0, 0, small.getWidth(), small.getHeight(), null);
        g.dispose();
        List<Box> scaled = boxes.stream().map(b -> new Box(b.x() / shrink, b.y() / shrink, b.width() / shrink,
                b.height() / shrink)).toList();
        return new TrainingScene(small, scaled, scene.entry().count());
    }
}
