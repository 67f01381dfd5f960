package dev.visionstream.models.splatting;

import dev.visionstream.schemas.ModelInfo;
import java.util.List;
import java.util.Map;

/**
 * A built scene in the normalised frame (view 0 = identity, largest camera distance 1) with what produced it.
 *
 * @param poses       camera-to-world pose of every input view, normalised frame
 * @param intrinsics  pixel K of every view at {@code width × height}
 * @param scale       the camera distance s divided out (1 when poses were predicted)
 * @param anchor      view 0's pose in the input frame (identity when poses were predicted)
 * @param gaussiansBeforePruning Gaussians of the kept views before opacity pruning
 */
public record SplatResult(GaussianScene scene, ModelInfo model, List<Pose> poses, List<double[]> intrinsics,
                          int width, int height, double scale, Pose anchor, long gaussiansBeforePruning,
                          List<Integer> keptViews, Map<String, Double> timingsMs) {
    /** YoNoSplat's near distance 0.1 in input units, in the normalised frame. */
    public double near() {
        return 0.1 / scale;
    }

    /** The render camera of input view {@code view} at its own resolution. */
    public RenderCamera viewCamera(int view) {
        return RenderCamera.of(poses.get(view), intrinsics.get(view), width, height, near());
    }

    /**
     * A render camera given in the input frame and units (as the input poses were), mapped into the normalised
     * frame, so that its rendering lines up with a real photo taken from it.
     */
    public RenderCamera inputCamera(Pose camToWorld, double[] k, int renderWidth, int renderHeight) {
        Pose normalised = anchor.inverse().compose(camToWorld).withTranslationScaled(1 / scale);
        return RenderCamera.of(normalised, k, renderWidth, renderHeight, near());
    }
}
