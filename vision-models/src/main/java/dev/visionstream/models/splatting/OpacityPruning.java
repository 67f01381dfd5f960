package dev.visionstream.models.splatting;

/** Inference-time pruning (spec §4.6): Gaussians with α below the threshold (0.005 in YoNoSplat's evaluation) go. */
public final class OpacityPruning {
    public static final double DEFAULT_THRESHOLD = 0.005;

    private OpacityPruning() {
    }

    /** A compacted copy holding only Gaussians with {@code α ≥ threshold}, order preserved. */
    public static GaussianScene prune(GaussianScene scene, double threshold) {
        float[] alpha = scene.opacities();
        // compared in float32, as PyTorch compares a float tensor with a Python scalar
        float limit = (float) threshold;
        int kept = 0;
        for (int i = 0; i < scene.count(); i++) {
            if (alpha[i] >= limit) {
                kept++;
            }
        }
        GaussianScene out = GaussianScene.allocate(kept);
        int j = 0;
        for (int i = 0; i < scene.count(); i++) {
            if (alpha[i] >= limit) {
                System.arraycopy(scene.means(), 3 * i, out.means(), 3 * j, 3);
                System.arraycopy(scene.scales(), 3 * i, out.scales(), 3 * j, 3);
                System.arraycopy(scene.rotationsWxyz(), 4 * i, out.rotationsWxyz(), 4 * j, 4);
                out.opacities()[j] = alpha[i];
                System.arraycopy(scene.shDc(), 3 * i, out.shDc(), 3 * j, 3);
                j++;
            }
        }
        return out;
    }
}
