package dev.visionstream.models.splatting;

import dev.visionstream.schemas.ModelInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in default predictor, for calibrated rigs (known intrinsics and poses): each view is rectified
 * against its nearest camera, matched by a disparity estimator (SGBM by default), and every pixel becomes one
 * Gaussian in the view's frame ({@link DisparityGaussians}). Poses and intrinsics are the given ones, so the rest
 * of the pipeline (normalisation, aggregation, pruning, export, rendering) is exactly the network path's.
 */
public final class StereoSplatPredictor implements SplatPredictor {
    public static final ModelInfo INFO = new ModelInfo("stereo-sgbm-splat", "1",
            "built-in: calibrated stereo (OpenCV SGBM after rectification) to per-pixel Gaussians; no learned weights",
            "cpu");

    private final DisparityEstimator estimator;
    private final ModelInfo info;

    public StereoSplatPredictor() {
        this(new SgbmDisparityEstimator(0), INFO);
    }

    public StereoSplatPredictor(DisparityEstimator estimator, ModelInfo info) {
        this.estimator = estimator;
        this.info = info;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public boolean requiresPoses() {
        return true;
    }

    @Override
    public ViewPredictions predict(List<SplatView> views) {
        List<LocalGaussians> gaussians = new ArrayList<>();
        List<Pose> poses = new ArrayList<>();
        List<double[]> intrinsics = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) {
            SplatView view = views.get(v);
            SplatView partner = views.get(nearest(views, v));
            RectifiedPair pair = StereoRectifier.rectify(view.image(), view.camera(), partner.image(),
                    partner.camera());
            DisparityMap disparity = estimator.estimate(pair, v).holesFilled();
            gaussians.add(DisparityGaussians.build(pair, disparity));
            poses.add(view.camera().camToWorld());
            intrinsics.add(view.camera().k());
        }
        return new ViewPredictions(gaussians, poses, intrinsics);
    }

    /** The other view whose camera centre is closest. */
    static int nearest(List<SplatView> views, int v) {
        double[] c = views.get(v).camera().camToWorld().centre();
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int o = 0; o < views.size(); o++) {
            if (o == v) {
                continue;
            }
            double[] p = views.get(o).camera().camToWorld().centre();
            double d = Math.hypot(Math.hypot(c[0] - p[0], c[1] - p[1]), c[2] - p[2]);
            if (d < bestDistance) {
                bestDistance = d;
                best = o;
            }
        }
        return best;
    }
}
