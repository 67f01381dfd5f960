package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's middle block (official {@code saRN_ResnetBlock}): reflection pad 2, 3×3 conv with dilation 2,
 * RN-L, ReLU, reflection pad 1, 3×3 conv, RN-L; the input is added back with no activation after the sum.
 * Official child indices: conv_block.1, .2, .5, .6.
 */
public final class RnResidualBlock extends FixedShapeBlock {
    private static final int DILATION = 2;

    private final ConvLayer dilatedConv;
    private final RnLearnableNorm firstNorm;
    private final ConvLayer conv;
    private final RnLearnableNorm secondNorm;

    public RnResidualBlock(int channels, float threshold) {
        this.dilatedConv = addChildBlock("conv_block_1", new ConvLayer(channels, channels, 3, 1, 0, DILATION, true));
        this.firstNorm = addChildBlock("conv_block_2", new RnLearnableNorm(threshold));
        this.conv = addChildBlock("conv_block_5", new ConvLayer(channels, channels, 3, 1, 0, 1, true));
        this.secondNorm = addChildBlock("conv_block_6", new RnLearnableNorm(threshold));
    }

    void setStatistics(RegionStatistics statistics) {
        firstNorm.setStatistics(statistics);
        secondNorm.setStatistics(statistics);
    }

    List<RnLearnableNorm> learnableNorms() {
        return List.of(firstNorm, secondNorm);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = apply(dilatedConv, store, ReflectionPad.pad(x, DILATION), training);
        y = Activation.relu(apply(firstNorm, store, y, training));
        y = apply(conv, store, ReflectionPad.pad(y, 1), training);
        y = apply(secondNorm, store, y, training);
        return new NDList(x.add(y));
    }

    private static NDArray apply(FixedShapeBlock block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        dilatedConv.namedParameters().forEach((k, v) -> named.put("conv_block.1." + k, v));
        firstNorm.namedParameters().forEach((k, v) -> named.put("conv_block.2." + k, v));
        conv.namedParameters().forEach((k, v) -> named.put("conv_block.5." + k, v));
        secondNorm.namedParameters().forEach((k, v) -> named.put("conv_block.6." + k, v));
        return named;
    }
}
