package dev.visionstream.models.splatting;

import java.util.stream.IntStream;

/** Inference-time pruning: Gaussians with α below the threshold (0.005 in YoNoSplat's evaluation) go. */
public final class OpacityPruning {
    public static final double DEFAULT_THRESHOLD = 0.005;
    private static final int CHUNK = 1 << 16;

    private OpacityPruning() {
    }

    /** A compacted copy holding only Gaussians with {@code α ≥ threshold}, order preserved. */
    public static GaussianScene prune(GaussianScene scene, double threshold) {
        float[] alpha = scene.opacities();
        // compared in float32, as PyTorch compares a float tensor with a Python scalar
        float limit = (float) threshold;
        int n = scene.count();
        int chunks = (n + CHUNK - 1) / CHUNK;
        int[] kept = new int[chunks + 1];
        // count per block, prefix-sum the counts, then copy blocks in parallel to their output ranges
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int count = 0;
            for (int i = c * CHUNK, end = Math.min(n, (c + 1) * CHUNK); i < end; i++) {
                if (alpha[i] >= limit) {
                    count++;
                }
            }
            kept[c + 1] = count;
        });
        for (int c = 0; c < chunks; c++) {
            kept[c + 1] += kept[c];
        }
        GaussianScene out = GaussianScene.allocate(kept[chunks]);
        float[] m = scene.means();
        float[] s = scene.scales();
        float[] q = scene.rotationsWxyz();
        float[] sh = scene.shDc();
        float[] om = out.means();
        float[] os = out.scales();
        float[] oq = out.rotationsWxyz();
        float[] oa = out.opacities();
        float[] osh = out.shDc();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int j = kept[c];
            for (int i = c * CHUNK, end = Math.min(n, (c + 1) * CHUNK); i < end; i++) {
                if (alpha[i] < limit) {
                    continue;
                }
                om[3 * j] = m[3 * i];
                om[3 * j + 1] = m[3 * i + 1];
                om[3 * j + 2] = m[3 * i + 2];
                os[3 * j] = s[3 * i];
                os[3 * j + 1] = s[3 * i + 1];
                os[3 * j + 2] = s[3 * i + 2];
                oq[4 * j] = q[4 * i];
                oq[4 * j + 1] = q[4 * i + 1];
                oq[4 * j + 2] = q[4 * i + 2];
                oq[4 * j + 3] = q[4 * i + 3];
                oa[j] = alpha[i];
                osh[3 * j] = sh[3 * i];
                osh[3 * j + 1] = sh[3 * i + 1];
                osh[3 * j + 2] = sh[3 * i + 2];
                j++;
            }
        });
        return out;
    }
}
