package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RN-B: region normalisation driven by the known inpainting mask, nearest-downsampled to the layer's
 * resolution, with per-region per-channel scales. As coded officially, the scales are used as (1 + gamma) and both
 * shifts are added everywhere: y = x̂ · [M (1 + γ_fg) + (1 − M)(1 + γ_bg)] + β_fg + β_bg. All four start at 0.
 *
 * <p>Inputs: features (B, C, h, w) and the full-resolution mask (B, 1, H, W), 1 = hole.
 */
public final class RnBasicNorm extends FixedShapeBlock {
    private final int channels;
    private final Parameter foregroundGamma;
    private final Parameter foregroundBeta;
    private final Parameter backgroundGamma;
    private final Parameter backgroundBeta;
    private RegionStatistics statistics = RegionStatistics.POOLED_OVER_BATCH;
    private boolean singleRegion;

    public RnBasicNorm(int channels) {
        this.channels = channels;
        this.foregroundGamma = affine("foreground_gamma", Parameter.Type.GAMMA);
        this.foregroundBeta = affine("foreground_beta", Parameter.Type.BETA);
        this.backgroundGamma = affine("background_gamma", Parameter.Type.GAMMA);
        this.backgroundBeta = affine("background_beta", Parameter.Type.BETA);
    }

    private Parameter affine(String name, Parameter.Type type) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(channels))
                .optInitializer(SpecInitializers.ZERO).build());
    }

    public void setStatistics(RegionStatistics statistics) {
        this.statistics = statistics;
    }

    /** Ignore the mask: plain instance normalisation with the background scale (the ablation). */
    void setSingleRegion(boolean singleRegion) {
        this.singleRegion = singleRegion;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shape shape = x.getShape();
        if (shape.get(1) != channels) {
            throw new IllegalArgumentException("RN-B(" + channels + ") got " + shape.get(1) + " channels");
        }
        NDArray mask = NearestResize.resize(inputs.get(1), shape.get(2), shape.get(3));
        if (singleRegion) {
            mask = mask.zerosLike();
        }
        NDArray normalized = RegionNormalization.normalize(x, mask, statistics);
        NDArray gammaFg = perChannel(store, foregroundGamma, x, training).add(1f);
        NDArray gammaBg = perChannel(store, backgroundGamma, x, training).add(1f);
        NDArray scale = mask.mul(gammaFg).add(mask.neg().add(1f).mul(gammaBg));
        NDArray shift = perChannel(store, foregroundBeta, x, training)
                .add(perChannel(store, backgroundBeta, x, training));
        return new NDList(normalized.mul(scale).add(shift));
    }

    private NDArray perChannel(ParameterStore store, Parameter p, NDArray x, boolean training) {
        NDArray value = store.getValue(p, x.getDevice(), training).reshape(1, channels, 1, 1);
        // the reshaped view would otherwise join the model's long-lived manager and pile up there, one per call
        value.attach(x.getManager());
        return value;
    }

    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("foreground_gamma", foregroundGamma);
        named.put("foreground_beta", foregroundBeta);
        named.put("background_gamma", backgroundGamma);
        named.put("background_beta", backgroundBeta);
        return named;
    }
}
