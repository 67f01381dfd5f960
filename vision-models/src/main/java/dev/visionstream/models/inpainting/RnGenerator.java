package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.visionstream.models.GraphScalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The released RN generator G_Net with a configurable base width w (64 as published):
 * <pre>
 * E1 reflect 3, conv 3→w 7×7, RN-B, ReLU      E2 conv w→2w 4×4 s2 p1, RN-B, ReLU
 * E3 conv 2w→4w 4×4 s2 p1, RN-B, ReLU
 * M1..M8 dilated residual blocks with RN-L at 4w
 * D1 conv 4w→8w 3×3, PixelShuffle 2, RN-L, ReLU   D2 conv 2w→4w 3×3, PixelShuffle 2, RN-L, ReLU
 * D3 reflect 3, conv w→3 7×7, (tanh + 1) / 2
 * </pre>
 * Inputs: the masked image X(1 − M) + M (B, 3, H, W) in [0, 1] and the mask M (B, 1, H, W), 1 = hole; H and W must
 * be multiples of 4. Output: (B, 3, H, W) in (0, 1), not yet composited.
 *
 * <p>Two variants beside the published one ({@link Head#ABSOLUTE}, {@link Normalization#REGION}): a
 * {@link Head#RESIDUAL} head reads a pre-filled picture and returns it plus D3's output (no tanh), so that a zero D3
 * starts as the pre-fill; {@link Normalization#INSTANCE} makes every RN layer one region (the ablation); a residual
 * generator at {@link Resolution#HALF} reads a half-size copy of the pre-fill and mask and adds its upsampled
 * correction to the full-size pre-fill (a quarter of the positions to compute).
 */
public final class RnGenerator extends FixedShapeBlock {
    public static final int PUBLISHED_WIDTH = 64;
    public static final int RESIDUAL_BLOCKS = 8;

    /** What the last layer produces. */
    public enum Head {
        /** (tanh + 1) / 2 of D3, as published: the picture itself. */
        ABSOLUTE,
        /** The input picture plus D3's output: a correction to a pre-fill. */
        RESIDUAL
    }

    /** Where the network runs: on the input, or on a half-size copy whose correction is upsampled (residual only). */
    public enum Resolution {
        FULL(1),
        HALF(2);

        private final int factor;

        Resolution(int factor) {
            this.factor = factor;
        }

        /** Input sides must be multiples of {@code 4 × factor}. */
        public int factor() {
            return factor;
        }
    }

    /** How the RN-B and RN-L layers split positions. */
    public enum Normalization {
        /** Hole and valid regions (RN-B) and learned regions (RN-L), as published. */
        REGION,
        /** One region everywhere: instance normalisation with the same affine parameters. */
        INSTANCE
    }

    private final int width;
    private final Head head;
    private final Normalization normalization;
    private final Resolution resolution;
    private final ConvLayer encoderConv1;
    private final RnBasicNorm encoderNorm1;
    private final ConvLayer encoderConv2;
    private final RnBasicNorm encoderNorm2;
    private final ConvLayer encoderConv3;
    private final RnBasicNorm encoderNorm3;
    private final List<RnResidualBlock> middle = new ArrayList<>();
    private final ConvLayer decoderConv1;
    private final RnLearnableNorm decoderNorm1;
    private final ConvLayer decoderConv2;
    private final RnLearnableNorm decoderNorm2;
    private final ConvLayer decoderOut;

    public RnGenerator(int width) {
        this(width, RnLearnableNorm.DEFAULT_THRESHOLD);
    }

    public RnGenerator(int width, float threshold) {
        this(width, threshold, Head.ABSOLUTE, Normalization.REGION);
    }

    public RnGenerator(int width, Head head, Normalization normalization) {
        this(width, RnLearnableNorm.DEFAULT_THRESHOLD, head, normalization);
    }

    public RnGenerator(int width, float threshold, Head head, Normalization normalization) {
        this(width, threshold, head, normalization, Resolution.FULL);
    }

    public RnGenerator(int width, Head head, Normalization normalization, Resolution resolution) {
        this(width, RnLearnableNorm.DEFAULT_THRESHOLD, head, normalization, resolution);
    }

    public RnGenerator(int width, float threshold, Head head, Normalization normalization, Resolution resolution) {
        if (width < 1) {
            throw new IllegalArgumentException("base width must be positive, got " + width);
        }
        if (resolution == Resolution.HALF && head != Head.RESIDUAL) {
            throw new IllegalArgumentException("only a residual generator runs at half resolution: its correction is "
                    + "upsampled onto the full-size pre-fill");
        }
        this.width = width;
        this.head = head;
        this.normalization = normalization;
        this.resolution = resolution;
        encoderConv1 = addChildBlock("encoder_conv1", ConvLayer.of(3, width, 7, 0));
        encoderNorm1 = addChildBlock("encoder_in1", new RnBasicNorm(width));
        encoderConv2 = addChildBlock("encoder_conv2", new ConvLayer(width, 2 * width, 4, 2, 1, 1, true));
        encoderNorm2 = addChildBlock("encoder_in2", new RnBasicNorm(2 * width));
        encoderConv3 = addChildBlock("encoder_conv3", new ConvLayer(2 * width, 4 * width, 4, 2, 1, 1, true));
        encoderNorm3 = addChildBlock("encoder_in3", new RnBasicNorm(4 * width));
        for (int i = 0; i < RESIDUAL_BLOCKS; i++) {
            middle.add(addChildBlock("middle_" + i, new RnResidualBlock(4 * width, threshold)));
        }
        decoderConv1 = addChildBlock("decoder_0", ConvLayer.of(4 * width, 8 * width, 3, 1));
        decoderNorm1 = addChildBlock("decoder_2", new RnLearnableNorm(threshold));
        decoderConv2 = addChildBlock("decoder_4", ConvLayer.of(2 * width, 4 * width, 3, 1));
        decoderNorm2 = addChildBlock("decoder_6", new RnLearnableNorm(threshold));
        decoderOut = addChildBlock("decoder_9", ConvLayer.of(width, 3, 7, 0));
        boolean single = normalization == Normalization.INSTANCE;
        for (RnBasicNorm norm : List.of(encoderNorm1, encoderNorm2, encoderNorm3)) {
            norm.setSingleRegion(single);
        }
        learnableNorms().forEach(norm -> norm.setSingleRegion(single));
    }

    public int width() {
        return width;
    }

    public Head head() {
        return head;
    }

    public Normalization normalization() {
        return normalization;
    }

    public Resolution resolution() {
        return resolution;
    }

    /** The 18 RN-L layers in order: two per middle block, then the two decoder layers. */
    private List<RnLearnableNorm> learnableNorms() {
        List<RnLearnableNorm> norms = new ArrayList<>();
        middle.forEach(block -> norms.addAll(block.learnableNorms()));
        norms.add(decoderNorm1);
        norms.add(decoderNorm2);
        return norms;
    }

    /** Whether forward passes record each RN-L layer's share of positions with response ≥ threshold (resets). */
    public void setRecordActivity(boolean record) {
        learnableNorms().forEach(norm -> norm.setRecordActivity(record));
    }

    /** Per RN-L layer, the mean share of positions whose response reached the threshold over the passes recorded. */
    public double[] learnableNormActivity() {
        return learnableNorms().stream().mapToDouble(RnLearnableNorm::activeFraction).toArray();
    }

    /** Zeroes D3 (weights and bias): a residual generator then returns its pre-fill unchanged. */
    public void zeroOutputLayer() {
        decoderOut.namedParameters().values().forEach(p -> p.getArray().set(new float[(int) p.getShape().size()]));
    }

    /** Pooled batch statistics for training (as released); per-image statistics for serving. */
    public void setStatistics(RegionStatistics statistics) {
        for (RnBasicNorm norm : List.of(encoderNorm1, encoderNorm2, encoderNorm3)) {
            norm.setStatistics(statistics);
        }
        middle.forEach(block -> block.setStatistics(statistics));
        decoderNorm1.setStatistics(statistics);
        decoderNorm2.setStatistics(statistics);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray image = inputs.get(0);
        NDArray mask = inputs.get(1);
        Shape shape = image.getShape();
        int multiple = 4 * resolution.factor();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) % multiple != 0
                || shape.get(3) % multiple != 0) {
            throw new IllegalArgumentException("generator input must be (B, 3, H, W) with H, W multiples of "
                    + multiple + ", got " + shape);
        }
        if (resolution == Resolution.HALF) {
            NDArray correction = network(store, HalfScale.picture(image), HalfScale.mask(mask), training);
            return new NDList(image.add(HalfScale.upsample(correction)));
        }
        NDArray x = network(store, image, mask, training);
        if (head == Head.RESIDUAL) {
            return new NDList(image.add(x));
        }
        return new NDList(x.tanh().add(1f).div(GraphScalar.of(x, 2f)));
    }

    /** E1 to D3: D3's raw output. */
    private NDArray network(ParameterStore store, NDArray image, NDArray mask, boolean training) {
        NDArray x = apply(encoderConv1, store, ReflectionPad.pad(image, 3), training);
        x = Activation.relu(encoderNorm1.forward(store, new NDList(x, mask), training).singletonOrThrow());
        x = apply(encoderConv2, store, x, training);
        x = Activation.relu(encoderNorm2.forward(store, new NDList(x, mask), training).singletonOrThrow());
        x = apply(encoderConv3, store, x, training);
        x = Activation.relu(encoderNorm3.forward(store, new NDList(x, mask), training).singletonOrThrow());
        for (RnResidualBlock block : middle) {
            x = apply(block, store, x, training);
        }
        x = PixelShuffle.shuffle(apply(decoderConv1, store, x, training), 2);
        x = Activation.relu(apply(decoderNorm1, store, x, training));
        x = PixelShuffle.shuffle(apply(decoderConv2, store, x, training), 2);
        x = Activation.relu(apply(decoderNorm2, store, x, training));
        return apply(decoderOut, store, ReflectionPad.pad(x, 3), training);
    }

    private static NDArray apply(FixedShapeBlock block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Every parameter under its key in the official generator state dict, in the official order; the
     * shapes are the official ones when {@code width} is 64.
     */
    public Map<String, Parameter> officialParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        put(named, "encoder_conv1.", encoderConv1.namedParameters());
        put(named, "encoder_in1.", encoderNorm1.namedParameters());
        put(named, "encoder_conv2.", encoderConv2.namedParameters());
        put(named, "encoder_in2.", encoderNorm2.namedParameters());
        put(named, "encoder_conv3.", encoderConv3.namedParameters());
        put(named, "encoder_in3.", encoderNorm3.namedParameters());
        for (int i = 0; i < middle.size(); i++) {
            put(named, "middle." + i + ".", middle.get(i).namedParameters());
        }
        put(named, "decoder.0.", decoderConv1.namedParameters());
        put(named, "decoder.2.", decoderNorm1.namedParameters());
        put(named, "decoder.4.", decoderConv2.namedParameters());
        put(named, "decoder.6.", decoderNorm2.namedParameters());
        put(named, "decoder.9.", decoderOut.namedParameters());
        return Collections.unmodifiableMap(named);
    }

    private static void put(Map<String, Parameter> into, String prefix, Map<String, Parameter> from) {
        from.forEach((k, v) -> into.put(prefix + k, v));
    }

    /** Total parameter count: 11,596,591 at the published width. */
    public long parameterCount() {
        return officialParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
}
