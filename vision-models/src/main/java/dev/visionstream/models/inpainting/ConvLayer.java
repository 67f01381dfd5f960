package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 2-D convolution whose channel counts are fixed at construction, so its parameters have their shapes before any
 * input is seen (PyTorch layout: weight (out, in, kh, kw), bias (out)). Zero padding only; reflection padding is
 * applied by the caller where the architecture has it.
 */
public final class ConvLayer extends FixedShapeBlock {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    public ConvLayer(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation,
                     boolean withBias) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.outChannels = outChannels;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outChannels, inChannels, kernel, kernel))
                .optInitializer(SpecInitializers.CONV_WEIGHT).build());
        this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).optInitializer(SpecInitializers.CONV_BIAS).build()) : null;
    }

    /** A stride-1, undilated convolution with bias. */
    public static ConvLayer of(int inChannels, int outChannels, int kernel, int padding) {
        return new ConvLayer(inChannels, outChannels, kernel, 1, padding, 1, true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(dilation, dilation));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long span = (long) dilation * (kernel - 1) + 1;
        long h = (in.get(2) + 2L * padding - span) / stride + 1;
        long w = (in.get(3) + 2L * padding - span) / stride + 1;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    /** Parameters under the official PyTorch names ({@code weight}, {@code bias}). */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("weight", weight);
        if (bias != null) {
            named.put("bias", bias);
        }
        return named;
    }
}
