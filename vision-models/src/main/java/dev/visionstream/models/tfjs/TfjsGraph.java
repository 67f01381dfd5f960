package dev.visionstream.models.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TensorFlow.js graph model ({@code model.json} and its weight shards) evaluated with DJL operators, for the
 * convolutional networks that npm packages ship in that form. Only the operators of such networks are known (fused
 * and depthwise convolutions, element-wise arithmetic, ReLU/ReLU6/sigmoid, spatial means, concatenation and the
 * ×2 bilinear upsampling of Keras' {@code UpSampling2D}); any other is a clear error naming it.
 *
 * <p>TensorFlow.js lays images out NHWC; here every feature map is NCHW, as DJL's convolutions want, and constants
 * are turned to match where they meet a feature map. The input is {@code [1, 3, H, W]}.
 */
public final class TfjsGraph implements AutoCloseable {
    /** TensorFlow's operator for a graph's input, fed at run time. */
    static final String INPUT_OP = "Placeholder";

    private final Map<String, JsonNode> nodes = new HashMap<>();
    private final Map<String, NDArray> constants = new HashMap<>();
    private final Map<String, NDArray> prepared = new ConcurrentHashMap<>();
    private final NDManager manager;
    private final String input;

    private TfjsGraph(JsonNode model, byte[][] shards, NDManager parent) {
        manager = parent.newSubManager();
        String inputName = null;
        for (JsonNode n : model.path("modelTopology").path("node")) {
            nodes.put(n.path("name").asText(), n);
            if (INPUT_OP.equals(n.path("op").asText())) {
                inputName = n.path("name").asText();
            }
        }
        if (inputName == null) {
            throw new IllegalArgumentException("the graph has no input node (operator " + INPUT_OP + ")");
        }
        input = inputName;
        JsonNode groups = model.path("weightsManifest");
        for (int g = 0; g < groups.size(); g++) {
            ByteBuffer data = ByteBuffer.wrap(shards[g]).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : groups.get(g).path("weights")) {
                constants.put(w.path("name").asText(), read(w, data));
            }
        }
    }

    /**
     * Loads {@code model.json} and the shards it names (beside it).
     *
     * @throws IOException when a file is missing or unreadable
     * @throws IllegalArgumentException when the files are not a TensorFlow.js graph model this class reads
     */
    public static TfjsGraph load(Path modelJson, NDManager manager) throws IOException {
        JsonNode model = Json.MAPPER.readTree(modelJson.toFile());
        if (!"graph-model".equals(model.path("format").asText())) {
            throw new IllegalArgumentException(modelJson + " is not a TensorFlow.js graph model (format "
                    + model.path("format").asText("missing") + ")");
        }
        JsonNode groups = model.path("weightsManifest");
        byte[][] shards = new byte[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (JsonNode p : groups.get(g).path("paths")) {
                bytes.write(Files.readAllBytes(modelJson.resolveSibling(p.asText())));
            }
            shards[g] = bytes.toByteArray();
        }
        return new TfjsGraph(model, shards, manager);
    }

    private NDArray read(JsonNode w, ByteBuffer data) {
        long[] dims = new long[w.path("shape").size()];
        int n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = w.path("shape").get(i).asLong();
            n *= (int) dims[i];
        }
        Shape shape = new Shape(dims);
        JsonNode q = w.path("quantization");
        if (!q.isMissingNode()) {
            return manager.create(dequantise(q, data, n), shape);
        }
        return switch (w.path("dtype").asText()) {
            case "float32" -> {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                data.position(data.position() + 4 * n);
                yield manager.create(v, shape);
            }
            case "int32" -> {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                data.position(data.position() + 4 * n);
                yield manager.create(v, shape);
            }
            default -> throw new IllegalArgumentException("weight " + w.path("name").asText() + " has dtype "
                    + w.path("dtype").asText() + "; only float32 and int32 are read");
        };
    }

    /** Weights stored as float16, or as uint8/uint16 with a scale and minimum (value = min + scale * q). */
    private static float[] dequantise(JsonNode q, ByteBuffer data, int n) {
        float[] v = new float[n];
        String type = q.path("dtype").asText();
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case "float16" -> HalfFloat.toFloat(data.getShort());
                case "uint8" -> (float) (q.path("min").asDouble() + q.path("scale").asDouble() * (data.get() & 0xff));
                case "uint16" -> (float) (q.path("min").asDouble()
                        + q.path("scale").asDouble() * (data.getShort() & 0xffff));
                default -> throw new IllegalArgumentException("weights quantised as " + type + " are not read");
            };
        }
        return v;
    }

    /**
     * Runs the graph on {@code image [1, 3, H, W]} (the values the model expects) and returns the named nodes'
     * values, NCHW, attached to {@code image}'s manager.
     */
    public List<NDArray> run(NDArray image, List<String> outputs) {
        try (NDManager pass = manager.newSubManager()) {
            Map<String, NDArray> values = new HashMap<>();
            values.put(input, image);
            List<NDArray> out = new ArrayList<>();
            for (String o : outputs) {
                out.add(evaluate(o, values, pass));
            }
            for (NDArray o : out) {
                o.attach(image.getManager());
            }
            return out;
        }
    }

    private NDArray evaluate(String reference, Map<String, NDArray> values, NDManager pass) {
        String name = nodeName(reference);
        NDArray known = values.get(name);
        if (known != null) {
            return known;
        }
        JsonNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("the graph has no node " + name);
        }
        String op = node.path("op").asText();
        if ("Const".equals(op)) {
            return prepared(name, op, 0, name);
        }
        List<NDArray> in = new ArrayList<>();
        for (JsonNode i : node.path("input")) {
            if (i.asText().startsWith("^")) {
                continue;
            }
            String source = nodeName(i.asText());
            in.add(isConstant(source) ? prepared(name, op, in.size(), source)
                    : evaluate(i.asText(), values, pass));
        }
        NDArray v = apply(node, op, in);
        v.attach(pass);
        values.put(name, v);
        return v;
    }

    private boolean isConstant(String name) {
        JsonNode node = nodes.get(name);
        return node != null && "Const".equals(node.path("op").asText());
    }

    /**
     * Constant {@code source} as input {@code index} of node {@code name}, in the layout the operator takes here
     * (NCHW broadcasting, DJL's filter layout); converted once, kept with the weights.
     */
    private NDArray prepared(String name, String op, int index, String source) {
        return prepared.computeIfAbsent(name + "#" + index, k -> {
            NDArray c = constants.get(source);
            if (c == null) {
                throw new IllegalArgumentException("constant " + source + " has no weights");
            }
            boolean convolution = op.contains("Conv2D") || op.contains("Depthwise");
            if (convolution && index == 1) {
                return filter(c, op.contains("Depthwise"));
            }
            return switch (op) {
                case "Add", "AddV2", "Sub", "Mul" -> broadcastable(c);
                default -> c;
            };
        });
    }

    private static String nodeName(String reference) {
        String name = reference.startsWith("^") ? reference.substring(1) : reference;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static NDArray apply(JsonNode node, String op, List<NDArray> in) {
        return switch (op) {
            case "Identity" -> in.get(0).duplicate();
            case "Conv2D" -> convolution(node, in.get(0), in.get(1), null, false);
            case "_FusedConv2D" -> convolution(node, in.get(0), in.get(1), in.get(2), false);
            case "DepthwiseConv2dNative" -> convolution(node, in.get(0), in.get(1), null, true);
            case "FusedDepthwiseConv2dNative" -> convolution(node, in.get(0), in.get(1), in.get(2), true);
            case "Add", "AddV2" -> in.get(0).add(in.get(1));
            case "Sub" -> in.get(0).sub(in.get(1));
            case "Mul" -> in.get(0).mul(in.get(1));
            case "Relu" -> Activation.relu(in.get(0));
            case "Relu6" -> in.get(0).clip(0, 6);
            case "Sigmoid" -> Activation.sigmoid(in.get(0));
            case "Mean" -> mean(in.get(0), nchwAxes(in.get(1).toIntArray()),
                    node.path("attr").path("keep_dims").path("b").asBoolean(false));
            case "ConcatV2" -> NDArrays.concat(new NDList(in.subList(0, in.size() - 1)),
                    nchwAxes(in.get(in.size() - 1).toIntArray())[0]);
            case "ResizeBilinear" -> Upsampling.doubleBilinear(in.get(0),
                    node.path("attr").path("half_pixel_centers").path("b").asBoolean(false),
                    node.path("attr").path("align_corners").path("b").asBoolean(false));
            default -> throw new IllegalArgumentException("TensorFlow.js operator " + op + " (node "
                    + node.path("name").asText() + ") is not supported");
        };
    }

    /** The mean over several axes (DJL's PyTorch engine reduces one at a time). */
    private static NDArray mean(NDArray x, int[] axes, boolean keepDims) {
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        NDArray m = x;
        for (int k = sorted.length - 1; k >= 0; k--) {
            m = m.mean(new int[] {sorted[k]}, keepDims);
        }
        return m;
    }

    /** A constant in NHWC terms, shaped to broadcast against NCHW feature maps. */
    private static NDArray broadcastable(NDArray v) {
        Shape s = v.getShape();
        if (s.dimension() == 1 && s.size() > 1) {
            return v.reshape(1, s.size(), 1, 1);
        }
        return s.dimension() == 4 ? v.transpose(0, 3, 1, 2) : v;
    }

    private static int[] nchwAxes(int[] nhwc) {
        int[] out = new int[nhwc.length];
        for (int i = 0; i < nhwc.length; i++) {
            out[i] = switch (Math.floorMod(nhwc[i], 4)) {
                case 0 -> 0;
                case 1 -> 2;
                case 2 -> 3;
                default -> 1;
            };
        }
        return out;
    }

    /** TensorFlow's filter in DJL's layout. */
    private static NDArray filter(NDArray tf, boolean depthwise) {
        Shape f = tf.getShape();
        if (depthwise) { // [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw]
            return tf.transpose(2, 3, 0, 1).reshape(f.get(2) * f.get(3), 1, f.get(0), f.get(1));
        }
        return tf.transpose(3, 2, 0, 1); // [kh, kw, in, out] -> [out, in, kh, kw]
    }

    private static NDArray convolution(JsonNode node, NDArray x, NDArray weight, NDArray bias, boolean depthwise) {
        JsonNode attr = node.path("attr");
        int sh = attr.path("strides").path("list").path("i").get(1).asInt();
        int sw = attr.path("strides").path("list").path("i").get(2).asInt();
        JsonNode dilations = attr.path("dilations").path("list").path("i");
        int dh = dilations.isMissingNode() ? 1 : dilations.get(1).asInt();
        int dw = dilations.isMissingNode() ? 1 : dilations.get(2).asInt();
        Shape f = weight.getShape();
        int groups = depthwise ? (int) x.getShape().get(1) : 1;
        String padding = text(attr.path("padding"));
        NDArray padded = switch (padding) {
            case "SAME" -> x.pad(samePadding(x.getShape(), f.get(2), f.get(3), sh, sw, dh, dw), 0);
            case "VALID" -> x;
            default -> throw new IllegalArgumentException("padding " + padding + " of " + node.path("name").asText()
                    + " is not supported");
        };
        NDArray y = Conv2d.conv2d(padded, weight, bias, new Shape(sh, sw), new Shape(0, 0),
                new Shape(dh, dw), groups).singletonOrThrow();
        for (JsonNode fused : attr.path("fused_ops").path("list").path("s")) {
            String f2 = new String(Base64.getDecoder().decode(fused.asText()), StandardCharsets.UTF_8);
            y = switch (f2) {
                case "BiasAdd" -> y;
                case "Relu" -> Activation.relu(y);
                case "Relu6" -> y.clip(0, 6);
                default -> throw new IllegalArgumentException("fused operator " + f2 + " of "
                        + node.path("name").asText() + " is not supported");
            };
        }
        return y;
    }

    /** TensorFlow's SAME padding of an NCHW map, as {@link NDArray#pad} takes it: left, right, top, bottom. */
    static Shape samePadding(Shape x, long kh, long kw, int sh, int sw, int dh, int dw) {
        long[] rows = sameAlong(x.get(2), (kh - 1) * dh + 1, sh);
        long[] cols = sameAlong(x.get(3), (kw - 1) * dw + 1, sw);
        return new Shape(cols[0], cols[1], rows[0], rows[1]);
    }

    private static long[] sameAlong(long length, long kernel, int stride) {
        long out = (length + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + kernel - length, 0);
        return new long[] {total / 2, total - total / 2};
    }

    private static String text(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.path("s").asText()), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        manager.close();
    }
}
