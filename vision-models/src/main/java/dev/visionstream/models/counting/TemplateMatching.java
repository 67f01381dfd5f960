package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Normalised template matching on the feature grid, beside the paper's similarity: for each exemplar, the cosine
 * between its ellipse-weighted prototype and the window of the same size centred on every cell, with the features
 * centred on their frame mean (so that "like the average of this frame" scores zero) and the grid zero-padded (so
 * that objects cut by the border still have a centre). Both norms are taken over the part of the window inside the
 * frame, so a half-visible object is compared on its visible half. Unlike the paper's min-max scaled sum, a cosine
 * has the same meaning in every frame, which is what lets a verifier learned on some scenes judge another's peaks.
 *
 * <p>It is computed twice from one set of transforms: over all channels, and over the leading shape channels alone
 * (per-channel products are summed over each range). The padded side is rounded up to a size the FFT handles fast,
 * and large exemplars are matched on a coarser grid.
 */
public final class TemplateMatching {
    /** Per exemplar, maps {@code [G*G]} row-major: cosine, share of the kernel inside the frame, energy ratio. */
    public record Maps(float[][] cosine, float[][] visible, float[][] energy, int grid) {
        /** The best cosine over the exemplars at cell {@code (r, c)}. */
        public float best(int r, int c) {
            float b = -1;
            for (float[] m : cosine) {
                b = Math.max(b, m[r * grid + c]);
            }
            return b;
        }

        /** The exemplar whose cosine is best at cell {@code (r, c)}. */
        public int bestExemplar(int r, int c) {
            int e = 0;
            for (int i = 1; i < cosine.length; i++) {
                if (cosine[i][r * grid + c] > cosine[e][r * grid + c]) {
                    e = i;
                }
            }
            return e;
        }
    }

    /** The maps over all channels and over the shape channels. */
    public record Pair(Maps all, Maps shape) {
    }

    /** Kernels longer than this many cells are matched on a coarser grid ({@link #poolingFactor}). */
    static final int MAX_KERNEL = 24;

    private TemplateMatching() {
    }

    /**
     * The maps for {@code features [D, G, G]} and the exemplar boxes on that grid; {@code shapeChannels} leading
     * channels describe shape alone (D when all do, and then both maps are the same).
     */
    public static Pair compute(NDArray features, List<FeatureBox> boxes, int shapeChannels) {
        int grid = (int) features.getShape().get(1);
        int factor = poolingFactor(boxes, grid);
        if (factor == 1) {
            return computeAtGrid(features, boxes, shapeChannels);
        }
        NDArray pooled = Pool.avgPool2d(features.expandDims(0), new Shape(factor, factor), new Shape(factor, factor),
                new Shape(0, 0), false, true).squeeze(0);
        List<FeatureBox> coarse = boxes.stream().map(b -> new FeatureBox(b.x1() / factor, b.y1() / factor,
                Math.max(b.x1() / factor + 1, ceilDiv(b.x2(), factor)),
                Math.max(b.y1() / factor + 1, ceilDiv(b.y2(), factor)))).toList();
        Pair small = computeAtGrid(pooled, coarse, shapeChannels);
        Maps all = upsample(features.getManager(), small.all(), grid);
        Maps shape = small.shape() == small.all() ? all : upsample(features.getManager(), small.shape(), grid);
        return new Pair(all, shape);
    }

    /**
     * Large exemplars are matched on a grid averaged over factor × factor cells, so that no kernel is longer than
     * {@link #MAX_KERNEL} cells: a kernel's transform costs as much as the grid's, and large objects need no
     * single-cell precision. The factor divides the grid.
     */
    static int poolingFactor(List<FeatureBox> boxes, int grid) {
        int longest = 0;
        for (FeatureBox b : boxes) {
            longest = Math.max(longest, Math.max(b.height(), b.width()));
        }
        int factor = 1;
        while (longest > MAX_KERNEL * factor || grid % factor != 0) {
            factor++;
            if (factor >= grid) {
                return 1;
            }
        }
        return factor;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Maps of a coarse grid brought back to {@code grid} cells (half-pixel bilinear). */
    private static Maps upsample(NDManager m, Maps coarse, int grid) {
        int n = coarse.cosine().length;
        int g = coarse.grid();
        float[][][] out = new float[3][n][];
        for (int i = 0; i < n; i++) {
            float[][] planes = {coarse.cosine()[i], coarse.visible()[i], coarse.energy()[i]};
            for (int k = 0; k < 3; k++) {
                out[k][i] = SimilarityMaps.resize(m.create(planes[k], new Shape(g, g)), grid, grid).toFloatArray();
            }
        }
        return new Maps(out[0], out[1], out[2], grid);
    }

    private static Pair computeAtGrid(NDArray features, List<FeatureBox> boxes, int shapeChannels) {
        NDManager m = features.getManager();
        int g = (int) features.getShape().get(1);
        int d = (int) features.getShape().get(0);
        NDArray f = features.sub(features.mean(new int[] {2}, true).mean(new int[] {1}, true));
        int pad = 0;
        for (FeatureBox b : boxes) {
            pad = Math.max(pad, Math.max(b.height(), b.width()));
        }
        int side = fastSize(g + 2 * pad);
        NDArray padded = m.zeros(new Shape(d, side, side));
        padded.set(new NDIndex(":, {}:{}, {}:{}", pad, pad + g, pad, pad + g), f);
        NDArray spectrum = spectrum(padded, side);
        NDArray squares = padded.square();
        NDArray energyAll = spectrum(squares.sum(new int[] {0}, true), side);
        NDArray energyShape = spectrum(squares.get("0:" + shapeChannels).sum(new int[] {0}, true), side);
        int n = boxes.size();
        float[][][] cos = new float[2][n][];
        float[][][] vis = new float[2][n][];
        float[][][] ratio = new float[2][n][];
        for (int i = 0; i < n; i++) {
            FeatureBox b = boxes.get(i);
            NDArray kernel = SimilarityMaps.kernel(f, b);
            NDArray products = spectrum.mul(spectrum(kernel.flip(1, 2), side));
            NDArray ellipse2 = spectrum(m.create(EllipseMask.coverage(b.height(), b.width()),
                    new Shape(1, b.height(), b.width())).square().flip(1, 2), side);
            float[] kernelSquares = kernel.square().toFloatArray();
            NDIndex centred = new NDIndex("{}:{}, {}:{}", pad - b.height() / 2 + b.height() - 1,
                    pad - b.height() / 2 + b.height() - 1 + g, pad - b.width() / 2 + b.width() - 1,
                    pad - b.width() / 2 + b.width() - 1 + g);
            for (int part = 0; part < 2; part++) {
                int channels = part == 0 ? d : shapeChannels;
                NDArray numerator = inverse(products.get("0:" + channels).sum(new int[] {0}), side).get(centred);
                NDArray window = inverse(ellipse2.mul(part == 0 ? energyAll : energyShape).squeeze(0), side)
                        .get(centred);
                float[] visible = visibleEnergy(kernelSquares, channels, b, g);
                float total = total(kernelSquares, channels, b);
                NDArray kernelVisible = m.create(visible, new Shape(g, g));
                cos[part][i] = numerator.div(window.maximum(0f).mul(kernelVisible).add(1e-12f).sqrt()).toFloatArray();
                vis[part][i] = kernelVisible.div(total + 1e-12f).toFloatArray();
                ratio[part][i] = window.div(kernelVisible.add(1e-12f)).toFloatArray();
            }
        }
        Maps all = new Maps(cos[0], vis[0], ratio[0], g);
        Maps shape = shapeChannels >= d ? all : new Maps(cos[1], vis[1], ratio[1], g);
        return new Pair(all, shape);
    }

    /** The 2-D real spectrum of {@code planes [C, h, w]} zero-padded to side×side. */
    private static NDArray spectrum(NDArray planes, int side) {
        return planes.rfft(side, 2).fft(side, 1);
    }

    /** The inverse of a {@code [side, side/2+1]} half spectrum. */
    private static NDArray inverse(NDArray half, int side) {
        return half.ifft(side, 0).irfft(side, 1);
    }

    /**
     * For the window centred on each cell, the kernel's energy (over its first {@code channels} channels) that lies
     * inside the frame: a rectangle of the kernel, summed through its summed-area table.
     */
    private static float[] visibleEnergy(float[] squares, int channels, FeatureBox b, int g) {
        int kh = b.height();
        int kw = b.width();
        double[] sat = new double[(kh + 1) * (kw + 1)];
        for (int r = 0; r < kh; r++) {
            for (int c = 0; c < kw; c++) {
                double v = 0;
                for (int ch = 0; ch < channels; ch++) {
                    v += squares[(ch * kh + r) * kw + c];
                }
                sat[(r + 1) * (kw + 1) + c + 1] = v + sat[r * (kw + 1) + c + 1] + sat[(r + 1) * (kw + 1) + c]
                        - sat[r * (kw + 1) + c];
            }
        }
        float[] out = new float[g * g];
        for (int row = 0; row < g; row++) {
            int top = row - kh / 2; // the window's first grid row
            int r0 = Math.max(0, -top);
            int r1 = Math.min(kh, g - top);
            for (int col = 0; col < g; col++) {
                int left = col - kw / 2;
                int c0 = Math.max(0, -left);
                int c1 = Math.min(kw, g - left);
                out[row * g + col] = r1 <= r0 || c1 <= c0 ? 0f : (float) (sat[r1 * (kw + 1) + c1]
                        - sat[r0 * (kw + 1) + c1] - sat[r1 * (kw + 1) + c0] + sat[r0 * (kw + 1) + c0]);
            }
        }
        return out;
    }

    /** The kernel's whole energy over its first {@code channels} channels. */
    private static float total(float[] squares, int channels, FeatureBox b) {
        double t = 0;
        for (int i = 0; i < channels * b.height() * b.width(); i++) {
            t += squares[i];
        }
        return (float) t;
    }

    /** The smallest size ≥ n with no prime factor above 5. */
    static int fastSize(int n) {
        for (int s = n; ; s++) {
            int r = s;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return s;
            }
        }
    }
}
