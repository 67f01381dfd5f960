package dev.visionstream.models.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small graph written here in TensorFlow.js' own layout (NHWC, HWIO filters, float16 and float32 weights) against
 * a plain NHWC evaluation of the same operators.
 */
class TfjsGraphTest {
    private static final int H = 6;
    private static final int W = 6;
    private static final int C = 2;
    private static final int F = 3;

    private final Random rnd = new Random(7);
    private final float[] filter = values(3 * 3 * C * F, 1);       // [3, 3, C, F]
    private final float[] bias = values(F, 1);
    private final float[] depthwise = eighths(3 * 3 * F);          // [3, 3, F, 1], exact in float16
    private final float[] scale = values(F, 2);
    private final float[] image = values(H * W * C, 3);            // NHWC

    private float[] values(int n, double range) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * range);
        }
        return v;
    }

    private float[] eighths(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextInt(17) - 8) / 8f;
        }
        return v;
    }

    @Test
    void evaluatesConvolutionsArithmeticMeansUpsamplingAndConcatenationAsTensorFlowDoes(@TempDir Path dir)
            throws Exception {
        Path model = writeModel(dir);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             TfjsGraph graph = TfjsGraph.load(model, manager)) {
            NDArray input = manager.create(nchw(image, H, W, C), new Shape(1, C, H, W));
            List<NDArray> out = graph.run(input, List.of("conv", "scaled", "centred", "joined"));
            float[] conv = reference();
            assertArrayEquals(nchw(conv, 3, 3, F), out.get(0).toFloatArray(), 1e-4f);
            float[] scaled = depthwiseTimesScale(conv);
            assertArrayEquals(nchw(scaled, 3, 3, F), out.get(1).toFloatArray(), 1e-4f);
            float[] centred = plusChannelMean(scaled);
            float[] up = doubled(centred);
            assertEquals(new Shape(1, 2 * F, 6, 6), out.get(3).getShape());
            float[] joined = out.get(3).toFloatArray();
            float[] expected = nchw(up, 6, 6, F);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], joined[i], 1e-4f, "first half at " + i);
                assertEquals(expected[i], joined[expected.length + i], 1e-4f, "second half at " + i);
            }
            // the run's intermediate values are freed with it; a second run gives the same
            assertArrayEquals(out.get(1).toFloatArray(), graph.run(input, List.of("scaled")).get(0).toFloatArray());
        }
    }

    @Test
    void anUnknownOperatorIsNamed(@TempDir Path dir) throws Exception {
        Path model = writeModel(dir);
        Files.writeString(model, Files.readString(model).replace("\"Relu6\"", "\"Softplus\""));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             TfjsGraph graph = TfjsGraph.load(model, manager)) {
            NDArray input = manager.create(nchw(image, H, W, C), new Shape(1, C, H, W));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> graph.run(input, List.of("clipped")));
            assertTrue(e.getMessage().contains("Softplus") && e.getMessage().contains("clipped"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAGraphModelIsRefused(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("model.json"), "{\"format\": \"layers-model\"}");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TfjsGraph.load(notes, manager));
            assertTrue(e.getMessage().contains("not a TensorFlow.js graph model"), e.getMessage());
        }
    }

    /** SAME convolution, stride 2 (TensorFlow pads 0 before and 1 after a 6-wide input), bias, ReLU6. */
    private float[] reference() {
        float[] out = new float[3 * 3 * F];
        for (int oy = 0; oy < 3; oy++) {
            for (int ox = 0; ox < 3; ox++) {
                for (int f = 0; f < F; f++) {
                    double s = bias[f];
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int y = 2 * oy + ky;
                            int x = 2 * ox + kx;
                            if (y < 0 || x < 0 || y >= H || x >= W) {
                                continue;
                            }
                            for (int c = 0; c < C; c++) {
                                s += image[(y * W + x) * C + c] * filter[((ky * 3 + kx) * C + c) * F + f];
                            }
                        }
                    }
                    out[(oy * 3 + ox) * F + f] = (float) Math.min(6, Math.max(0, s));
                }
            }
        }
        return out;
    }

    /** SAME depthwise 3x3, stride 1, then times a per-channel constant. */
    private float[] depthwiseTimesScale(float[] in) {
        float[] out = new float[in.length];
        for (int oy = 0; oy < 3; oy++) {
            for (int ox = 0; ox < 3; ox++) {
                for (int f = 0; f < F; f++) {
                    double s = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int y = oy + ky - 1;
                            int x = ox + kx - 1;
                            if (y >= 0 && x >= 0 && y < 3 && x < 3) {
                                s += in[(y * 3 + x) * F + f] * depthwise[(ky * 3 + kx) * F + f];
                            }
                        }
                    }
                    out[(oy * 3 + ox) * F + f] = (float) s * scale[f];
                }
            }
        }
        return out;
    }

    private static float[] plusChannelMean(float[] in) {
        float[] out = in.clone();
        for (int f = 0; f < F; f++) {
            double mean = 0;
            for (int p = 0; p < 9; p++) {
                mean += in[p * F + f] / 9.0;
            }
            for (int p = 0; p < 9; p++) {
                out[p * F + f] += (float) mean;
            }
        }
        return out;
    }

    /** Legacy ResizeBilinear to 6x6: source = i / 2, the last row and column repeated. */
    private static float[] doubled(float[] in) {
        float[] out = new float[6 * 6 * F];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                double sy = y / 2.0;
                double sx = x / 2.0;
                int y0 = (int) sy;
                int x0 = (int) sx;
                int y1 = Math.min(y0 + 1, 2);
                int x1 = Math.min(x0 + 1, 2);
                double fy = sy - y0;
                double fx = sx - x0;
                for (int f = 0; f < F; f++) {
                    out[(y * 6 + x) * F + f] = (float) ((1 - fy) * ((1 - fx) * in[(y0 * 3 + x0) * F + f]
                            + fx * in[(y0 * 3 + x1) * F + f]) + fy * ((1 - fx) * in[(y1 * 3 + x0) * F + f]
                            + fx * in[(y1 * 3 + x1) * F + f]));
                }
            }
        }
        return out;
    }

    private static float[] nchw(float[] nhwc, int h, int w, int c) {
        float[] out = new float[nhwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    out[(k * h + y) * w + x] = nhwc[(y * w + x) * c + k];
                }
            }
        }
        return out;
    }

    private Path writeModel(Path dir) throws Exception {
        ObjectNode model = Json.MAPPER.createObjectNode();
        model.put("format", "graph-model");
        ArrayNode nodes = model.putObject("modelTopology").putArray("node");
        node(nodes, "input", TfjsGraph.INPUT_OP);
        for (String c : List.of("filter", "bias", "depthwise", "scale", "axes", "size", "axis")) {
            node(nodes, c, "Const");
        }
        ObjectNode conv = node(nodes, "conv", "_FusedConv2D", "input", "filter", "bias");
        convolutionAttributes(conv, 2).putObject("fused_ops").putObject("list").putArray("s")
                .add(base64("BiasAdd")).add(base64("Relu6"));
        node(nodes, "clipped", "Relu6", "conv");
        convolutionAttributes(node(nodes, "dw", "DepthwiseConv2dNative", "conv", "depthwise"), 1);
        node(nodes, "scaled", "Mul", "dw", "scale");
        node(nodes, "mean", "Mean", "scaled", "axes").putObject("attr").putObject("keep_dims").put("b", true);
        node(nodes, "centred", "AddV2", "scaled", "mean");
        node(nodes, "up", "ResizeBilinear", "centred", "size");
        node(nodes, "joined", "ConcatV2", "up", "up", "axis");
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        ObjectNode group = model.putArray("weightsManifest").addObject();
        group.putArray("paths").add("group1-shard1of1.bin");
        ArrayNode manifest = group.putArray("weights");
        floats(manifest, bin, "filter", filter, 3, 3, C, F);
        floats(manifest, bin, "bias", bias, F);
        ObjectNode dw = manifest.addObject();
        dw.put("name", "depthwise").put("dtype", "float32").putArray("shape").add(3).add(3).add(F).add(1);
        dw.putObject("quantization").put("dtype", "float16");
        ByteBuffer half = ByteBuffer.allocate(2 * depthwise.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : depthwise) {
            half.putShort(toHalf(v));
        }
        bin.write(half.array());
        floats(manifest, bin, "scale", scale, F);
        ints(manifest, bin, "axes", new int[] {1, 2}, 2);
        ints(manifest, bin, "size", new int[] {6, 6}, 2);
        ints(manifest, bin, "axis", new int[] {3});
        Files.write(dir.resolve("group1-shard1of1.bin"), bin.toByteArray());
        Path file = dir.resolve("model.json");
        Json.MAPPER.writeValue(file.toFile(), model);
        return file;
    }

    private static ObjectNode node(ArrayNode nodes, String name, String op, String... inputs) {
        ObjectNode n = nodes.addObject();
        n.put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        for (String i : inputs) {
            in.add(i);
        }
        return n;
    }

    private static ObjectNode convolutionAttributes(ObjectNode node, int stride) {
        ObjectNode attr = node.putObject("attr");
        attr.putObject("strides").putObject("list").putArray("i").add("1").add(String.valueOf(stride))
                .add(String.valueOf(stride)).add("1");
        attr.putObject("padding").put("s", base64("SAME"));
        return attr;
    }

    private static void floats(ArrayNode manifest, ByteArrayOutputStream bin, String name, float[] v, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        weight(manifest, bin, name, "float32", b, shape);
    }

    private static void ints(ArrayNode manifest, ByteArrayOutputStream bin, String name, int[] v, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : v) {
            b.putInt(i);
        }
        weight(manifest, bin, name, "int32", b, shape);
    }

    /** One manifest entry and its bytes, in the order the shard holds them. */
    private static void weight(ArrayNode manifest, ByteArrayOutputStream bin, String name, String dtype,
                               ByteBuffer data, int... shape) {
        ArrayNode s = manifest.addObject().put("name", name).put("dtype", dtype).putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        bin.write(data.array(), 0, data.capacity());
    }

    /** Multiples of 1/8 in [-1, 1]: sign, exponent and the top mantissa bits, exactly. */
    private static short toHalf(float v) {
        if (v == 0) {
            return 0;
        }
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exponent << 10) | mantissa);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
