package dev.visionstream.models.counting;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.schemas.ModelInfo;

/**
 * The built-in backbone: a fixed, hand-designed multi-scale filter bank (no learned weights, nothing to download).
 * It stands in for DINOv2 so the pipeline runs anywhere; it knows colour, contrast and edge layout, not object
 * semantics. Tiles of {@code 60 * P} pixels give a 60 x 60 cell grid like a ViT/14 at 840 px.
 */
public final class FilterBankBackbone implements FeatureBackbone {
    /** Pixels per feature cell. */
    static final int CELL = 2;
    static final int GRID = 60;
    /**
     * Tiles per pass of {@code THIN_EDGES}: one frame's 16 (measured: 8 frames in one pass are 3× slower per frame).
     */
    static final int BLOCK_TILES = 16;
    /** Gradient energy (0..1 units per pixel) well below which a cell's edge features fade to zero. */
    static final float CONTRAST_FLOOR = 0.05f;
    static final int ORIENTATIONS = 8;
    static final float CHROMA_GAIN = 2f;
    static final float SURROUND_SIGMA_CELLS = 8f;
    static final float COLOUR_FLOOR = 0.3f;
    static final float COLOUR_WEIGHT = 0.5f;
    static final float EDGE_WEIGHT = 1f;
    static final float EDGE_BLUR_CELLS = 2f;
    static final float EDGE_WEIGHT2 = 0.7f;
    /** Blur (pixels) before the derivatives of {@code THIN_EDGES}: edges of a few pixels, not of the whole object. */
    static final float THIN_EDGE_SIGMA = 2.5f;
    /** Soft-normalisation floor of {@code THIN_EDGES}: faint texture stays well below a real outline. */
    static final float THIN_EDGE_FLOOR = 0.5f;

    /** Rows lightness, red-green, yellow-blue: the opponent colours of the other variants, as a matrix on RGB. */
    private static final float[][] OPPONENT = {
        {1f / 3, 1f / 3, 1f / 3},
        {CHROMA_GAIN / (float) Math.sqrt(2), -CHROMA_GAIN / (float) Math.sqrt(2), 0f},
        {CHROMA_GAIN / (float) Math.sqrt(6), CHROMA_GAIN / (float) Math.sqrt(6),
                -2 * CHROMA_GAIN / (float) Math.sqrt(6)}};

    /** The designs compared when choosing the default (figures: docs/research/counting.md). */
    public enum Variant {
        /**
         * Per-cell histograms: opponent-colour and lightness channels, and signed gradient energy in 8 directions at
         * two scales, each block L2-normalised per cell so correlation compares layout, not contrast.
         */
        CELL_HISTOGRAMS("filterbank-hist", 6 + 2 * ORIENTATIONS),
        /**
         * Part-aware: signed directional derivatives (8 directions, half-wave rectified) of lightness and of both
         * opponent colours, blurred over a few cells so each cell says on which side of an object it lies, plus
         * the centre-surround colour block of {@code CELL_HISTOGRAMS}.
         */
        SIGNED_EDGES("filterbank-edges", 6 + 3 * ORIENTATIONS),
        /**
         * Signed directional derivatives (8 directions, half-wave rectified) of lightness and both opponent colours,
         * derivative-of-Gaussian at each cell's centre, each block softly normalised; no flat colour or lightness
         * features. A
         * kernel of outlines correlates with an object only where the outlines line up, so each object's
         * similarity is a narrow peak inside its box rather than a cone twice its width.
         */
        THIN_EDGES("filterbank-thin", 3 * ORIENTATIONS),
        /** The same filters without per-cell normalisation: RGB, gradient magnitude and orientation energy. */
        RAW_RESPONSES("filterbank-raw", 3 + 2 + 4);

        final String modelName;
        final int channels;

        Variant(String modelName, int channels) {
            this.modelName = modelName;
            this.channels = channels;
        }
    }

    public static final Variant DEFAULT_VARIANT = Variant.THIN_EDGES;
    public static final String VERSION = "2";

    private final Variant variant;
    private final Device device;

    public FilterBankBackbone() {
        this(DEFAULT_VARIANT);
    }

    public FilterBankBackbone(Variant variant) {
        this(variant, Device.cpu());
    }

    /** The filters have no weights: the device is where the counting pipeline keeps its arrays. */
    public FilterBankBackbone(Variant variant, Device device) {
        this.variant = variant;
        this.device = device;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(variant.modelName, VERSION, "built-in fixed filter bank (colour, gradients, orientation "
                + "energy), no learned weights; a stand-in for DINOv2 ViT-L/14-reg", DeviceSetting.label(device));
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public int tileSize() {
        return GRID * CELL;
    }

    @Override
    public int gridSize() {
        return GRID;
    }

    @Override
    public int channels() {
        return variant.channels;
    }

    /** The thin-edge variant's first block is the lightness derivatives (one per orientation). */
    @Override
    public int shapeChannels() {
        return variant == Variant.THIN_EDGES ? ORIENTATIONS : channels();
    }

    @Override
    public NDArray features(NDArray tiles) {
        if (variant == Variant.THIN_EDGES) {
            return thinEdgesInBlocks(tiles);
        }
        NDArray r = tiles.get(new NDIndex(":, 0:1"));
        NDArray g = tiles.get(new NDIndex(":, 1:2"));
        NDArray b = tiles.get(new NDIndex(":, 2:3"));
        NDArray lum = r.add(g).add(b).div(3f);
        return switch (variant) {
            case CELL_HISTOGRAMS -> histograms(r, g, b, lum);
            case RAW_RESPONSES -> raw(tiles, lum);
            case SIGNED_EDGES -> signedEdges(r, g, b, lum);
            case THIN_EDGES -> thinEdgesInBlocks(tiles);
        };
    }

    /** A whole batch's intermediates spill out of the CPU caches and every pass slows down: a frame at a time. */
    private NDArray thinEdgesInBlocks(NDArray tiles) {
        long n = tiles.getShape().get(0);
        if (n <= BLOCK_TILES) {
            return thinEdges(tiles);
        }
        NDList blocks = new NDList();
        for (long from = 0; from < n; from += BLOCK_TILES) {
            blocks.add(thinEdges(tiles.get(new NDIndex(from + ":" + Math.min(n, from + BLOCK_TILES)))));
        }
        return NDArrays.concat(blocks, 0);
    }

    private NDArray histograms(NDArray r, NDArray g, NDArray b, NDArray lum) {
        NDArray o1 = r.sub(g).mul(CHROMA_GAIN / (float) Math.sqrt(2));
        NDArray o2 = r.add(g).sub(b.mul(2f)).mul(CHROMA_GAIN / (float) Math.sqrt(6));
        NDArray colour = cells(NDArrays.concat(new NDList(o1, o2, lum), 1), 0f);
        // centre-surround: colour relative to its neighbourhood, split into non-negative halves, so flat
        // background gives zero features whatever its colour
        NDArray contrast = colour.sub(smooth(colour, SURROUND_SIGMA_CELLS));
        NDArray colourBlock = softUnit(contrast.maximum(0f).concat(contrast.neg().maximum(0f), 1), COLOUR_FLOOR);
        NDList blocks = new NDList(colourBlock.mul(COLOUR_WEIGHT));
        for (float sigma : new float[] {1f, 2.5f}) {
            NDArray energy = cells(orientationEnergy(smooth(lum, sigma), true), sigma);
            blocks.add(softUnit(energy, CONTRAST_FLOOR).mul(sigma < 2 ? EDGE_WEIGHT : EDGE_WEIGHT2));
        }
        return NDArrays.concat(blocks, 1);
    }

    private NDArray signedEdges(NDArray r, NDArray g, NDArray b, NDArray lum) {
        NDArray o1 = r.sub(g).mul(CHROMA_GAIN / (float) Math.sqrt(2));
        NDArray o2 = r.add(g).sub(b.mul(2f)).mul(CHROMA_GAIN / (float) Math.sqrt(6));
        NDArray colour = cells(NDArrays.concat(new NDList(o1, o2, lum), 1), 0f);
        NDArray contrast = colour.sub(smooth(colour, SURROUND_SIGMA_CELLS));
        NDArray colourBlock = softUnit(contrast.maximum(0f).concat(contrast.neg().maximum(0f), 1), COLOUR_FLOOR);
        NDList blocks = new NDList(colourBlock.mul(COLOUR_WEIGHT));
        for (NDArray channel : new NDArray[] {lum, o1, o2}) {
            NDArray energy = smooth(cells(orientationEnergy(smooth(channel, 1f), true), 0f), EDGE_BLUR_CELLS);
            blocks.add(softUnit(energy, CONTRAST_FLOOR).mul(EDGE_WEIGHT));
        }
        return NDArrays.concat(blocks, 1);
    }

    /**
     * {@code THIN_EDGES} in four whole-batch operations, since the work is bound by memory traffic, not arithmetic:
     * the gradient of the blurred opponent colours is taken with separable derivative-of-Gaussian filters, the
     * horizontal pass (with the colour transform folded in) at every second column, the vertical pass at every
     * second row, each centred on its 2×2 cell; the eight rectified directional derivatives follow at cell resolution.
     */
    private NDArray thinEdges(NDArray tiles) {
        NDManager m = tiles.getManager();
        float[][] taps = cellCentredGaussian(THIN_EDGE_SIGMA);
        int length = taps[0].length;
        int reach = length / 2; // taps span [-reach + 0.5, reach - 0.5] around the cell centre
        // horizontal: per colour, the blur G then the derivative G' (3 -> 6 channels, dense over RGB)
        float[] horizontal = new float[6 * 3 * length];
        for (int c = 0; c < 3; c++) {
            for (int kind = 0; kind < 2; kind++) {
                for (int in = 0; in < 3; in++) {
                    for (int t = 0; t < length; t++) {
                        horizontal[((2 * c + kind) * 3 + in) * length + t] = OPPONENT[c][in] * taps[kind][t];
                    }
                }
            }
        }
        // vertical: the x-derivative channel is blurred (gx), the blurred channel differentiated (gy)
        float[] vertical = new float[6 * length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(taps[1], 0, vertical, (2 * c) * length, length);
            System.arraycopy(taps[0], 0, vertical, (2 * c + 1) * length, length);
        }
        int n = (int) tiles.getShape().get(0);
        int grid = (int) tiles.getShape().get(2) / CELL;
        NDArray padded = replicatePad(tiles, reach - 1);
        NDArray rows = Conv2d.conv2d(padded, m.create(horizontal, new Shape(6, 3, 1, length)), null,
                new Shape(1, CELL), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        NDArray gradient = Conv2d.conv2d(rows, m.create(vertical, new Shape(6, 1, length, 1)), null,
                new Shape(CELL, 1), new Shape(0, 0), new Shape(1, 1), 6).singletonOrThrow();
        // [N, 3 colours, (gy, gx), g, g] -> directional derivatives (8 per colour) through one small matmul
        NDArray perColour = gradient.reshape(n, 3, 2, (long) grid * grid);
        NDArray directions = m.create(directionMatrix(), new Shape(ORIENTATIONS, 2));
        NDArray energy = directions.matMul(perColour).maximum(0f);
        NDArray norm = energy.square().sum(new int[] {2}, true).sqrt();
        return energy.div(norm.add(THIN_EDGE_FLOOR)).reshape(n, 3L * ORIENTATIONS, grid, grid);
    }

    /**
     * Gaussian taps {@code [0]} and its derivative {@code [1]} (unit-sum blur; derivative along +x, the
     * cross-correlation order) at half-integer offsets, so a stride-2 pass lands on the centre of a 2×2 cell.
     */
    private static float[][] cellCentredGaussian(float sigma) {
        int reach = (int) Math.ceil(2.5 * sigma) + 1;
        float[] g = new float[2 * reach];
        float[] dg = new float[2 * reach];
        double sum = 0;
        for (int t = 0; t < g.length; t++) {
            double x = t - reach + 0.5;
            g[t] = (float) Math.exp(-0.5 * x * x / (sigma * sigma));
            sum += g[t];
        }
        for (int t = 0; t < g.length; t++) {
            double x = t - reach + 0.5;
            g[t] /= (float) sum;
            dg[t] = (float) (x / (sigma * sigma)) * g[t];
        }
        return new float[][] {g, dg};
    }

    /** Row k: (sin θ, cos θ) for θ = 2πk / ORIENTATIONS, applied to (gy, gx). */
    private static float[] directionMatrix() {
        float[] d = new float[ORIENTATIONS * 2];
        for (int k = 0; k < ORIENTATIONS; k++) {
            double theta = 2 * Math.PI * k / ORIENTATIONS;
            d[2 * k] = (float) Math.sin(theta);
            d[2 * k + 1] = (float) Math.cos(theta);
        }
        return d;
    }

    private NDArray raw(NDArray tiles, NDArray lum) {
        NDArray fine = smooth(lum, 1f);
        NDArray coarse = smooth(lum, 2.5f);
        NDArray energy = orientationEnergy(fine, false);
        NDList parts = new NDList(tiles, magnitude(fine), magnitude(coarse), energy);
        return cells(NDArrays.concat(parts, 1), 1f);
    }

    /** Average over each cell, after a blur of the cell-level scale (overlapping support, like HOG blocks). */
    private static NDArray cells(NDArray x, float sigma) {
        NDArray pooled = Pool.avgPool2d(x, new Shape(CELL, CELL), new Shape(CELL, CELL), new Shape(0, 0), false, true);
        return sigma > 1.5f ? smooth(pooled, 1f) : pooled;
    }

    /**
     * Soft per-cell L2 normalisation: strong responses become unit vectors (correlation then compares layout, not
     * contrast), responses well below {@code floor} stay near zero (noise does not turn into features).
     */
    private static NDArray softUnit(NDArray block, float floor) {
        NDArray norm = block.square().sum(new int[] {1}, true).sqrt();
        return block.div(norm.add(floor));
    }

    /** Half-wave rectified directional derivatives (signed) or their magnitudes per orientation (unsigned). */
    private static NDArray orientationEnergy(NDArray lum, boolean signed) {
        NDArray[] grad = gradients(lum);
        NDList parts = new NDList();
        int n = signed ? ORIENTATIONS : 4;
        for (int k = 0; k < n; k++) {
            double theta = (signed ? 2 * Math.PI : Math.PI) * k / n;
            NDArray d = grad[0].mul((float) Math.cos(theta)).add(grad[1].mul((float) Math.sin(theta)));
            parts.add(signed ? d.maximum(0f) : d.abs());
        }
        return NDArrays.concat(parts, 1);
    }

    private static NDArray magnitude(NDArray lum) {
        NDArray[] grad = gradients(lum);
        return grad[0].square().add(grad[1].square()).sqrt();
    }

    /** Central differences with edge replication: {gx, gy} for {@code [N, 1, H, W]}. */
    private static NDArray[] gradients(NDArray x) {
        NDArray p = replicatePad(x, 1);
        NDArray gx = p.get(new NDIndex(":, :, 1:-1, 2:")).sub(p.get(new NDIndex(":, :, 1:-1, :-2"))).div(2f);
        NDArray gy = p.get(new NDIndex(":, :, 2:, 1:-1")).sub(p.get(new NDIndex(":, :, :-2, 1:-1"))).div(2f);
        return new NDArray[] {gx, gy};
    }

    /** Separable Gaussian blur per channel with edge replication. */
    static NDArray smooth(NDArray x, float sigma) {
        float[] k = gaussian(sigma);
        int radius = k.length / 2;
        long c = x.getShape().get(1);
        NDManager m = x.getManager();
        NDArray kx = m.create(k, new Shape(1, 1, 1, k.length)).repeat(0, c);
        NDArray ky = m.create(k, new Shape(1, 1, k.length, 1)).repeat(0, c);
        NDArray p = replicatePad(x, radius);
        NDArray h = Conv2d.conv2d(p, kx, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1),
                (int) c).singletonOrThrow();
        return Conv2d.conv2d(h, ky, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), (int) c)
                .singletonOrThrow();
    }

    /** Normalised Gaussian taps over ±2.5 σ. */
    private static float[] gaussian(float sigma) {
        int radius = (int) Math.ceil(2.5 * sigma);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Pads the last two axes by repeating the border rows and columns {@code p} times. */
    static NDArray replicatePad(NDArray x, int p) {
        NDArray top = x.get(new NDIndex("..., 0:1, :")).repeat(2, p);
        NDArray bottom = x.get(new NDIndex("..., -1:, :")).repeat(2, p);
        NDArray rows = NDArrays.concat(new NDList(top, x, bottom), 2);
        NDArray left = rows.get(new NDIndex("..., 0:1")).repeat(3, p);
        NDArray right = rows.get(new NDIndex("..., -1:")).repeat(3, p);
        return NDArrays.concat(new NDList(left, rows, right), 3);
    }
}
