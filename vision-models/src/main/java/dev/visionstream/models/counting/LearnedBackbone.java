package dev.visionstream.models.counting;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.Digests;
import dev.visionstream.models.GraphScalar;
import dev.visionstream.models.inpainting.NpzArchive;
import dev.visionstream.schemas.ModelInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small CNN trained in the project through the counting pipeline itself ({@code vision count train}): tiles of
 * 120 pixels to a 60 × 60 grid of {@link #CHANNELS} features, the filter bank's geometry. A strided 5 × 5 layer, a
 * 3 × 3 layer and two dilated 3 × 3 layers (leaky ReLU between) see about 40 pixels, the size of a typical object in
 * a tile, then a 1 × 1 layer mixes the features the prototypes are pooled from. 32 channels, not 24: on this
 * machine's CPU, oneDNN's AVX-512 convolution returned wrong values at 24 channels (2 % off, at times garbage), not
 * at 8, 16 or 32.
 */
public final class LearnedBackbone implements FeatureBackbone {
    public static final String NAME = "learned-cnn";
    public static final String BUILT_IN_RESOURCE = "/dev/visionstream/models/counting/learned-backbone.npz";
    public static final int CHANNELS = 32;
    public static final int GRID = 60;
    public static final int TILE_SIZE = 2 * GRID;
    private static final int WIDTH = 32;

    private final NDManager manager;
    private final Block network;
    private final ModelInfo info;

    private LearnedBackbone(NDManager manager, Block network, ModelInfo info) {
        this.manager = manager;
        this.network = network;
        this.info = info;
    }

    /** The layers, uninitialised. */
    public static SequentialBlock network() {
        // leaky: with plain ReLU one large step could silence every unit, and constant features leave the
        // similarity map nothing to scale (NaN counts from then on)
        return new SequentialBlock()
                .add(conv(WIDTH, 5, 2, 2, 1)).add(LearnedBackbone::leaky)
                .add(conv(WIDTH, 3, 1, 1, 1)).add(LearnedBackbone::leaky)
                .add(conv(WIDTH, 3, 1, 2, 2)).add(LearnedBackbone::leaky)
                .add(conv(WIDTH, 3, 1, 4, 4)).add(LearnedBackbone::leaky)
                .add(conv(CHANNELS, 1, 1, 0, 1));
    }

    /** max(x, 0.1 x), with the slope as a graph-owned scalar ({@link GraphScalar}). */
    private static NDList leaky(NDList in) {
        NDArray x = in.singletonOrThrow();
        return new NDList(x.maximum(x.mul(GraphScalar.of(x, 0.1f))));
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding, int dilation) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation)).build();
    }

    /** The weights shipped in this jar, on the CPU. */
    public static LearnedBackbone builtIn() {
        return builtIn(Device.cpu());
    }

    /** The weights shipped in this jar, on {@code device}. */
    public static LearnedBackbone builtIn(Device device) {
        try (InputStream in = LearnedBackbone.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new BackboneContractException("built-in counting CNN " + BUILT_IN_RESOURCE
                        + " is missing from the jar");
            }
            return fromBytes(in.readAllBytes(),
                    "built-in, trained in the project by vision count train (see docs/stages/counting.md)", device);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Weights written by {@code vision count train}, on {@code device}. */
    public static LearnedBackbone fromFile(Path file, Device device) {
        try {
            return fromBytes(Files.readAllBytes(file), "file " + file.toAbsolutePath(), device);
        } catch (IOException e) {
            throw new BackboneContractException("cannot read counting CNN weights " + file + ": " + e.getMessage());
        }
    }

    /** Weights held in memory (training checkpoints), on the CPU. */
    public static LearnedBackbone fromBytes(byte[] weights, String provenance) {
        return fromBytes(weights, provenance, Device.cpu());
    }

    /** Weights held in memory, on {@code device}. */
    public static LearnedBackbone fromBytes(byte[] weights, String provenance, Device device) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            SequentialBlock network = network();
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, TILE_SIZE, TILE_SIZE));
            Map<String, NpzArchive.Tensor> tensors = NpzArchive.read(new ByteArrayInputStream(weights));
            for (Pair<String, Parameter> p : network.getParameters()) {
                NpzArchive.Tensor t = tensors.get(p.getKey());
                if (t == null || !Arrays.equals(t.shape(), p.getValue().getArray().getShape().getShape())) {
                    throw new IllegalArgumentException("missing or misshaped " + p.getKey());
                }
                // set(float[]) copies into a buffer the parameter's own array keeps: DJL's loadParameters left
                // weights that a garbage collection could free under the network (NaN features after a GC)
                p.getValue().getArray().set(t.values());
            }
            String version = Digests.sha256Hex(weights).substring(0, 12);
            return new LearnedBackbone(manager, network,
                    new ModelInfo(NAME, version, provenance, DeviceSetting.label(device)));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new BackboneContractException("counting CNN weights do not fit the network: " + e.getMessage());
        }
    }

    /** The parameters of {@code network} as an .npz archive under DJL's parameter names, read by {@link #fromBytes}. */
    public static byte[] save(Block network) {
        Map<String, NpzArchive.Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray a = p.getValue().getArray();
            tensors.put(p.getKey(), new NpzArchive.Tensor(a.getShape().getShape(), a.toFloatArray()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            NpzArchive.write(tensors, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The network's input for tiles in [0, 1]: centred on zero. */
    public static NDList input(NDArray tiles) {
        return new NDList(tiles.sub(0.5f));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int tileSize() {
        return TILE_SIZE;
    }

    @Override
    public int gridSize() {
        return GRID;
    }

    @Override
    public int channels() {
        return CHANNELS;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public NDArray features(NDArray tiles) {
        NDArray out = network.forward(new ParameterStore(tiles.getManager(), false), input(tiles), false)
                .singletonOrThrow();
        out.attach(tiles.getManager());
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
