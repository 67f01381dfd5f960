package dev.visionstream.models.inpainting;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generator weights keyed by the official state-dict names, as written by
 * {@code scripts/convert-rn-checkpoint.py} or by {@code vision inpaint train}. Keys may carry the {@code module.}
 * prefix of a DataParallel checkpoint (and {@code generator.} when a whole InpaintingModel was saved); both are
 * stripped. Loading is strict: a missing, unexpected or misshaped tensor fails with the full list, never a partial
 * load (the official eval.py loads with strict=False and silently runs random weights on a prefix mismatch).
 */
public final class RnWeights {
    private static final List<String> STRIPPED_PREFIXES = List.of("module.", "generator.");
    /** Marks weights of a {@link RnGenerator.Head#RESIDUAL} generator (official checkpoints have no such key). */
    static final String RESIDUAL_MARKER = "vision.residual_head";
    /** Marks weights of the {@link RnGenerator.Normalization#INSTANCE} ablation. */
    static final String INSTANCE_MARKER = "vision.instance_norm";
    /** Marks weights of a generator that runs at {@link RnGenerator.Resolution#HALF}. */
    static final String HALF_MARKER = "vision.half_resolution";

    private final Map<String, NpzArchive.Tensor> tensors;

    private RnWeights(Map<String, NpzArchive.Tensor> tensors) {
        this.tensors = tensors;
    }

    public static RnWeights read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new RnWeightsException("cannot read RN weights " + file + ": " + e.getMessage(), e);
        }
    }

    public static RnWeights read(InputStream in, String origin) {
        Map<String, NpzArchive.Tensor> raw;
        try {
            raw = NpzArchive.read(in);
        } catch (IOException | RuntimeException e) {
            throw new RnWeightsException("cannot read RN weights " + origin + ": " + e.getMessage(), e);
        }
        Map<String, NpzArchive.Tensor> plain = new LinkedHashMap<>();
        for (Map.Entry<String, NpzArchive.Tensor> e : raw.entrySet()) {
            String key = canonicalKey(e.getKey());
            if (plain.put(key, e.getValue()) != null) {
                throw new RnWeightsException(origin + ": tensor " + key + " appears twice (with and without prefix)");
            }
        }
        return new RnWeights(plain);
    }

    /** Strips any leading {@code module.} and {@code generator.} prefixes, in any order. */
    static String canonicalKey(String key) {
        String k = key;
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String prefix : STRIPPED_PREFIXES) {
                if (k.startsWith(prefix)) {
                    k = k.substring(prefix.length());
                    stripped = true;
                }
            }
        }
        return k;
    }

    /** The base width the weights were trained at, from the first encoder convolution. */
    public int width() {
        NpzArchive.Tensor first = tensors.get("encoder_conv1.weight");
        if (first == null || first.shape().length != 4) {
            throw new RnWeightsException("weights have no 4-D encoder_conv1.weight: not an RN generator state");
        }
        return Math.toIntExact(first.shape()[0]);
    }

    public Map<String, NpzArchive.Tensor> tensors() {
        return tensors;
    }

    public RnGenerator.Head head() {
        return tensors.containsKey(RESIDUAL_MARKER) ? RnGenerator.Head.RESIDUAL : RnGenerator.Head.ABSOLUTE;
    }

    public RnGenerator.Normalization normalization() {
        return tensors.containsKey(INSTANCE_MARKER) ? RnGenerator.Normalization.INSTANCE
                : RnGenerator.Normalization.REGION;
    }

    public RnGenerator.Resolution resolution() {
        return tensors.containsKey(HALF_MARKER) ? RnGenerator.Resolution.HALF : RnGenerator.Resolution.FULL;
    }

    /** A generator of the weights' width and variant, initialised and loaded. */
    public RnGenerator newGenerator(NDManager manager) {
        RnGenerator generator = new RnGenerator(width(), head(), normalization(), resolution());
        generator.initialize(manager, DataType.FLOAT32);
        loadInto(generator);
        return generator;
    }

    /** Copies every tensor into the generator, after checking that names and shapes match exactly. */
    public void loadInto(RnGenerator generator) {
        Map<String, Parameter> expected = generator.officialParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            NpzArchive.Tensor t = tensors.get(e.getKey());
            Shape want = e.getValue().getShape();
            if (t == null) {
                problems.add("missing " + e.getKey() + " " + want);
            } else if (!Arrays.equals(t.shape(), want.getShape())) {
                problems.add("shape of " + e.getKey() + " is " + Arrays.toString(t.shape()) + ", the width-"
                        + generator.width() + " generator needs " + want);
            }
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(expected.keySet());
        unexpected.removeAll(List.of(RESIDUAL_MARKER, INSTANCE_MARKER, HALF_MARKER));
        unexpected.forEach(k -> problems.add("unexpected " + k));
        if (!problems.isEmpty()) {
            throw new RnWeightsException("weights do not match the RN generator (" + problems.size()
                    + " problems): " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            e.getValue().getArray().set(tensors.get(e.getKey()).values());
        }
    }

    /** Writes a generator's parameters under the official (plain) names. */
    public static void write(RnGenerator generator, OutputStream out) throws IOException {
        Map<String, NpzArchive.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : generator.officialParameters().entrySet()) {
            var array = e.getValue().getArray();
            tensors.put(e.getKey(), new NpzArchive.Tensor(array.getShape().getShape(), array.toFloatArray()));
        }
        if (generator.head() == RnGenerator.Head.RESIDUAL) {
            tensors.put(RESIDUAL_MARKER, new NpzArchive.Tensor(new long[] {1}, new float[] {1f}));
        }
        if (generator.normalization() == RnGenerator.Normalization.INSTANCE) {
            tensors.put(INSTANCE_MARKER, new NpzArchive.Tensor(new long[] {1}, new float[] {1f}));
        }
        if (generator.resolution() == RnGenerator.Resolution.HALF) {
            tensors.put(HALF_MARKER, new NpzArchive.Tensor(new long[] {1}, new float[] {1f}));
        }
        NpzArchive.write(tensors, out);
    }
}
