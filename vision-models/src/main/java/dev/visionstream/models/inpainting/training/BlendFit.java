package dev.visionstream.models.inpainting.training;

import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.models.inpainting.BlendWeights;
import dev.visionstream.models.inpainting.ClassicalFills;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.IrregularMasks;
import java.util.Random;

/**
 * Least-squares fit of {@link BlendWeights}: per distance bin, the normal equations of
 * original ≈ Σ_k w_k · fill_k over every hole pixel and channel of the samples added.
 */
public final class BlendFit {
    private static final int K = ClassicalFills.SOURCES;
    /** A whisper of ridge towards equal thirds keeps a bin with few pixels well posed. */
    private static final double RIDGE = 1e-3;

    private final double[] edges;
    private final double[][][] normal;
    private final double[][] rhs;
    private final long[] pixels;

    /** The fit over random 256-px crops of the photos with 10–50 % irregular holes. */
    public static BlendWeights onPhotos(PhotoPool pool, int samples, long seed) {
        Random random = new Random(seed ^ 0x5EED);
        BlendFit fit = new BlendFit(BlendWeights.DEFAULT_EDGES);
        int size = 256;
        float[] planar = new float[3 * size * size];
        for (int i = 0; i < samples; i++) {
            pool.samplePatch(size, random, planar, 0);
            InpaintMask mask = IrregularMasks.generate(size, size, 0.1, 0.5, random);
            fit.add(ClassicalFills.of(ImageTensors.fromPlanarUnit(planar, 0, size, size), mask), planar);
        }
        return fit.solve();
    }

    public BlendFit(double[] edges) {
        this.edges = edges.clone();
        normal = new double[edges.length][K][K];
        rhs = new double[edges.length][K];
        pixels = new long[edges.length];
    }

    /** @param original planar RGB in [0, 1] of the picture before the holes were cut */
    public void add(ClassicalFills fills, float[] original) {
        int plane = fills.width() * fills.height();
        double[] a = new double[K];
        for (int i = 0; i < plane; i++) {
            if (!fills.hole()[i]) {
                continue;
            }
            int b = BlendWeights.bin(edges, fills.borderDistance()[i]);
            pixels[b]++;
            for (int c = 0; c < 3; c++) {
                int j = c * plane + i;
                for (int k = 0; k < K; k++) {
                    a[k] = fills.source(k, j);
                }
                for (int r = 0; r < K; r++) {
                    rhs[b][r] += a[r] * original[j];
                    for (int s = 0; s < K; s++) {
                        normal[b][r][s] += a[r] * a[s];
                    }
                }
            }
        }
    }

    public long pixels(int bin) {
        return pixels[bin];
    }

    public BlendWeights solve() {
        double[][] w = new double[edges.length][];
        for (int b = 0; b < edges.length; b++) {
            double scale = Math.max(1, pixels[b]) * RIDGE;
            double[][] m = new double[K][K + 1];
            for (int r = 0; r < K; r++) {
                for (int s = 0; s < K; s++) {
                    m[r][s] = normal[b][r][s] + (r == s ? scale : 0);
                }
                m[r][K] = rhs[b][r] + scale / K;
            }
            w[b] = gauss(m);
        }
        return new BlendWeights(edges.clone(), w);
    }

    /** Gaussian elimination with partial pivoting on an augmented K × (K + 1) system. */
    private static double[] gauss(double[][] m) {
        for (int col = 0; col < K; col++) {
            int pivot = col;
            for (int r = col + 1; r < K; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < K; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= K; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[K];
        for (int r = K - 1; r >= 0; r--) {
            double v = m[r][K];
            for (int c = r + 1; c < K; c++) {
                v -= m[r][c] * x[c];
            }
            x[r] = v / m[r][r];
        }
        return x;
    }
}
