package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RN-L: the layer finds its own two regions. A spatial response P = sigmoid(conv7x7([mean_c x, max_c x]))
 * is thresholded at {@code t} (0.8 as released, on a gradient-free copy) to split the positions; the features are
 * region-normalised, then scaled and shifted by pixel-wise maps γ = conv7x7(P), β = conv7x7(P) shared by all
 * channels: y = RN(x; 1[P ≥ t]) · (1 + γ) + β. 198 parameters whatever the channel count.
 */
public final class RnLearnableNorm extends FixedShapeBlock {
    public static final float DEFAULT_THRESHOLD = 0.8f;

    private final float threshold;
    private final ConvLayer response;
    private final ConvLayer gammaConv;
    private final ConvLayer betaConv;
    private RegionStatistics statistics = RegionStatistics.POOLED_OVER_BATCH;
    private boolean singleRegion;
    private boolean recordActivity;
    private double activeSum;
    private long activeCount;

    public RnLearnableNorm(float threshold) {
        this.threshold = threshold;
        this.response = addChildBlock("sa_conv1", new ConvLayer(2, 1, 7, 1, 3, 1, false));
        this.gammaConv = addChildBlock("sa_gamma_conv", new ConvLayer(1, 1, 7, 1, 3, 1, true));
        this.betaConv = addChildBlock("sa_beta_conv", new ConvLayer(1, 1, 7, 1, 3, 1, true));
    }

    public RnLearnableNorm() {
        this(DEFAULT_THRESHOLD);
    }

    public void setStatistics(RegionStatistics statistics) {
        this.statistics = statistics;
    }

    /** With one region the layer is instance normalisation with pixel-wise affine maps (the ablation). */
    void setSingleRegion(boolean singleRegion) {
        this.singleRegion = singleRegion;
    }

    /** Whether forward passes record the share of positions whose response reaches the threshold; resets it. */
    void setRecordActivity(boolean record) {
        this.recordActivity = record;
        activeSum = 0;
        activeCount = 0;
    }

    /** The mean share of positions with response ≥ threshold over the passes recorded (NaN before one). */
    double activeFraction() {
        return activeCount == 0 ? Double.NaN : activeSum / activeCount;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = NDArrays.concat(new NDList(x.mean(new int[] {1}, true), x.max(new int[] {1}, true)), 1);
        NDArray p = Activation.sigmoid(response.forward(store, new NDList(pooled), training).singletonOrThrow());
        NDArray regions = p.stopGradient().gte(threshold).toType(DataType.FLOAT32, false);
        if (recordActivity) {
            activeSum += regions.mean().getFloat();
            activeCount++;
        }
        if (singleRegion) {
            regions = regions.zerosLike();
        }
        NDArray gamma = gammaConv.forward(store, new NDList(p), training).singletonOrThrow();
        NDArray beta = betaConv.forward(store, new NDList(p), training).singletonOrThrow();
        NDArray normalized = RegionNormalization.normalize(x, regions, statistics);
        return new NDList(normalized.mul(gamma.add(1f)).add(beta));
    }

    /** Parameters under the official names, relative to the RN_L module ({@code sa.conv1.weight}, ...). */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        response.namedParameters().forEach((k, v) -> named.put("sa.conv1." + k, v));
        gammaConv.namedParameters().forEach((k, v) -> named.put("sa.gamma_conv." + k, v));
        betaConv.namedParameters().forEach((k, v) -> named.put("sa.beta_conv." + k, v));
        return named;
    }
}
