package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inference pipeline around any predictor: validate the views, normalise supplied poses (re-anchor to view 0,
 * divide by the largest camera distance), predict, re-anchor predicted poses to view 0, aggregate the kept views
 * into one global set, prune by opacity. The stream stage, the CLI and the library all go through here.
 */
public final class SplatPipeline {
    private final SplatPredictor predictor;
    private final double pruneThreshold;

    public SplatPipeline(SplatPredictor predictor, double pruneThreshold) {
        this.predictor = predictor;
        this.pruneThreshold = pruneThreshold;
    }

    public SplatPipeline(SplatPredictor predictor) {
        this(predictor, OpacityPruning.DEFAULT_THRESHOLD);
    }

    public SplatPredictor predictor() {
        return predictor;
    }

    /**
     * @param keepViews indices of views whose Gaussians go into the scene; null or empty keeps all
     * @throws IllegalArgumentException on bad input (fewer than two views, sizes differ, poses given for only some
     *                                  views, degenerate poses, non-positive focal lengths)
     */
    public SplatResult build(List<SplatView> views, Set<Integer> keepViews) {
        long t0 = System.nanoTime();
        validate(views);
        for (int k : keepViews == null ? Set.<Integer>of() : keepViews) {
            if (k < 0 || k >= views.size()) {
                throw new IllegalArgumentException("kept view " + k + " does not exist (" + views.size() + " views)");
            }
        }
        Pose anchor = Pose.identity();
        double scale = 1;
        List<SplatView> prepared = views;
        boolean posed = views.get(0).camera() != null && views.get(0).camera().camToWorld() != null;
        if (posed) {
            List<Pose> poses = views.stream().map(v -> v.camera().camToWorld()).toList();
            CameraNormalization.NormalizedPoses normalized = CameraNormalization.normalize(poses);
            anchor = normalized.anchor();
            scale = normalized.scale();
            prepared = new ArrayList<>();
            for (int i = 0; i < views.size(); i++) {
                SplatView v = views.get(i);
                prepared.add(new SplatView(v.image(), v.camera().withPose(normalized.poses().get(i))));
            }
        }
        long t1 = System.nanoTime();
        ViewPredictions predictions = predictor.predict(prepared);
        long t2 = System.nanoTime();
        List<Pose> poses = CameraNormalization.reanchor(predictions.poses());
        Set<Integer> kept = new TreeSet<>();
        for (int i = 0; i < views.size(); i++) {
            if (keepViews == null || keepViews.isEmpty() || keepViews.contains(i)) {
                kept.add(i);
            }
        }
        List<LocalGaussians> keptGaussians = new ArrayList<>();
        List<Pose> keptPoses = new ArrayList<>();
        for (int i : kept) {
            keptGaussians.add(predictions.gaussians().get(i));
            keptPoses.add(poses.get(i));
        }
        GaussianScene all = GaussianAggregator.aggregate(keptGaussians, keptPoses);
        long t3 = System.nanoTime();
        GaussianScene scene = OpacityPruning.prune(all, pruneThreshold);
        long t4 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("normalise", (t1 - t0) / 1e6);
        timings.put("predict", (t2 - t1) / 1e6);
        timings.put("aggregate", (t3 - t2) / 1e6);
        timings.put("prune", (t4 - t3) / 1e6);
        LocalGaussians first = predictions.gaussians().get(0);
        return new SplatResult(scene, predictor.info(), poses, predictions.intrinsics(), first.width(),
                first.height(), scale, anchor, all.count(), List.copyOf(kept), timings);
    }

    private void validate(List<SplatView> views) {
        if (views == null || views.size() < 2) {
            throw new IllegalArgumentException("a scene needs two or more views, got "
                    + (views == null ? 0 : views.size()));
        }
        BufferedImage first = views.get(0).image();
        int withPose = 0;
        int withCamera = 0;
        for (int i = 0; i < views.size(); i++) {
            SplatView v = views.get(i);
            if (v.image().getWidth() != first.getWidth() || v.image().getHeight() != first.getHeight()) {
                throw new IllegalArgumentException(String.format(
                        "views differ in size: view 0 is %d×%d, view %d is %d×%d",
                        first.getWidth(), first.getHeight(), i, v.image().getWidth(), v.image().getHeight()));
            }
            if (v.camera() != null) {
                withCamera++;
                if (v.camera().camToWorld() != null) {
                    withPose++;
                }
            }
        }
        if (withPose != 0 && withPose != views.size()) {
            throw new IllegalArgumentException("poses were given for " + withPose + " of " + views.size()
                    + " views; give all or none");
        }
        if (predictor.requiresPoses() && (withPose != views.size() || withCamera != views.size())) {
            throw new IllegalArgumentException(predictor.info().name()
                    + " needs every view's intrinsics and pose (a calibrated rig)");
        }
    }
}
