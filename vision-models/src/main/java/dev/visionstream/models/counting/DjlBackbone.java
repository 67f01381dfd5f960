package dev.visionstream.models.counting;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.schemas.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A user-supplied self-supervised ViT (DINOv2, DINO) exported to TorchScript ({@code .pt}) or ONNX
 * ({@code .onnx}), loaded through DJL from a path or URL; the engine follows the file type. The setting may carry
 * options after {@code #}: {@code model.pt#tile=840,patch=14} (the defaults are DINOv2's: 840 px tiles, patch 14,
 * so a 60 x 60 token grid per tile).
 *
 * <p>Contract, checked at load time with one forward pass: input {@code [B, 3, S, S]} float32 RGB normalised with
 * the ImageNet mean and std; output either patch tokens {@code [B, N, D]} with {@code N = (S/P)^2} plus up to 8
 * leading CLS/register tokens (dropped), or a feature map {@code [B, D, S/P, S/P]}.
 */
public final class DjlBackbone implements FeatureBackbone {
    static final int DEFAULT_TILE = 840;
    static final int DEFAULT_PATCH = 14;
    static final int MAX_EXTRA_TOKENS = 8;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final ZooModel<NDList, NDList> model;
    private final boolean sameEngine;
    private final Device device;
    private final int tile;
    private final int grid;
    private final int channels;
    private final int extraTokens;
    private final boolean tokenOutput;
    private final ModelInfo info;

    private DjlBackbone(ZooModel<NDList, NDList> model, Device device, int tile, int grid, ModelInfo info,
                        Shape probeOutput) {
        this.model = model;
        this.device = device;
        this.sameEngine = "PyTorch".equals(model.getNDManager().getEngine().getEngineName());
        this.tile = tile;
        this.grid = grid;
        this.info = info;
        this.tokenOutput = probeOutput.dimension() == 3;
        this.channels = (int) (tokenOutput ? probeOutput.get(2) : probeOutput.get(1));
        this.extraTokens = tokenOutput ? (int) (probeOutput.get(1) - (long) grid * grid) : 0;
    }

    /** The model's file or URL in a setting: what comes before its options. */
    static String location(String setting) {
        int hash = setting.indexOf('#');
        return hash < 0 ? setting : setting.substring(0, hash);
    }

    static boolean isUrl(String location) {
        return location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /**
     * Loads and checks a model on {@code device} (a TorchScript one; ONNX models run on the CPU); fails with
     * {@link BackboneContractException} saying what was expected and found.
     */
    public static DjlBackbone load(String setting, Device device) {
        String location = location(setting);
        Map<String, String> options = options(setting);
        int tile = intOption(options, "tile", DEFAULT_TILE);
        int patch = intOption(options, "patch", DEFAULT_PATCH);
        if (tile % patch != 0) {
            throw new BackboneContractException("tile size " + tile + " is not a multiple of the patch size " + patch);
        }
        String lower = location.toLowerCase(Locale.ROOT);
        String engine;
        if (lower.endsWith(".onnx")) {
            engine = "OnnxRuntime";
        } else if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".torchscript")) {
            engine = "PyTorch";
        } else {
            throw new BackboneContractException("backbone " + location + ": expected a TorchScript file (.pt) or an "
                    + "ONNX file (.onnx), found neither extension");
        }
        if (!"PyTorch".equals(engine) && device.isGpu()) {
            throw new BackboneContractException("backbone " + location + ": ONNX models run on the CPU here; use "
                    + "--device cpu, or a TorchScript export (.pt) for the GPU");
        }
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optEngine(engine).optDevice(device).optTranslator(new NoopTranslator());
        boolean url = isUrl(location);
        if (url) {
            criteria.optModelUrls(location);
        } else {
            Path path = Path.of(location);
            if (!Files.isRegularFile(path)) {
                throw new BackboneContractException("backbone file " + path.toAbsolutePath() + " does not exist");
            }
            criteria.optModelPath(path.toAbsolutePath());
        }
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.build().loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new BackboneContractException("cannot load backbone " + location + " with " + engine + ": " + e, e);
        }
        try {
            checkDeclaredInput(model, tile, location);
            int grid = tile / patch;
            Shape out = probe(model, tile, location);
            checkOutput(out, grid, tile, patch, location);
            ModelInfo info = new ModelInfo(fileName(location), version(location, url),
                    "user-supplied " + ("PyTorch".equals(engine) ? "TorchScript" : "ONNX") + " backbone from "
                            + location + " (tile " + tile + ", patch " + patch + ")", DeviceSetting.label(device));
            return new DjlBackbone(model, device, tile, grid, info, out);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void checkDeclaredInput(ZooModel<NDList, NDList> model, int tile, String location) {
        PairList<String, Shape> inputs = model.describeInput();
        if (inputs == null || inputs.isEmpty()) {
            return; // TorchScript declares nothing; the probe pass checks
        }
        Shape s = inputs.get(0).getValue();
        if (s == null) {
            return;
        }
        boolean ok = s.dimension() == 4 && (s.get(1) == 3) && (s.get(2) < 0 || s.get(2) == tile)
                && (s.get(3) < 0 || s.get(3) == tile);
        if (!ok) {
            throw new BackboneContractException("backbone " + location + ": expected input [B, 3, " + tile + ", "
                    + tile + "] (NCHW RGB), found " + inputs.get(0).getKey() + " " + s);
        }
    }

    private static Shape probe(ZooModel<NDList, NDList> model, int tile, String location) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray input = m.zeros(new Shape(1, 3, tile, tile));
            NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(input), false);
            return out.head().getShape();
        } catch (RuntimeException e) {
            throw new BackboneContractException("backbone " + location + ": expected it to accept a float32 input "
                    + "[1, 3, " + tile + ", " + tile + "] (set another tile size with #tile=N), found that the forward "
                    + "pass fails: " + e.getMessage(), e);
        }
    }

    private static void checkOutput(Shape out, int grid, int tile, int patch, String location) {
        long cells = (long) grid * grid;
        boolean tokens = out.dimension() == 3 && out.get(0) == 1 && out.get(1) >= cells
                && out.get(1) <= cells + MAX_EXTRA_TOKENS;
        boolean map = out.dimension() == 4 && out.get(0) == 1 && out.get(2) == grid && out.get(3) == grid;
        if (!tokens && !map) {
            throw new BackboneContractException("backbone " + location + ": for a [1, 3, " + tile + ", " + tile
                    + "] input with patch " + patch + ", expected patch tokens [1, " + cells + " (+ up to "
                    + MAX_EXTRA_TOKENS + " leading CLS/register tokens), D] or a feature map [1, D, " + grid + ", "
                    + grid + "]; found " + out);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int tileSize() {
        return tile;
    }

    @Override
    public int gridSize() {
        return grid;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public NDArray features(NDArray tiles) {
        NDManager callerManager = tiles.getManager();
        NDArray mean = callerManager.create(MEAN, new Shape(1, 3, 1, 1));
        NDArray std = callerManager.create(STD, new Shape(1, 3, 1, 1));
        NDArray normalised = tiles.sub(mean).div(std);
        NDArray out;
        if (sameEngine) {
            out = model.getBlock().forward(new ParameterStore(callerManager, false), new NDList(normalised), false)
                    .head();
            out.attach(callerManager);
        } else {
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray in = m.create(normalised.toFloatArray(), normalised.getShape());
                NDArray raw = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false).head();
                out = callerManager.create(raw.toType(DataType.FLOAT32, false).toFloatArray(),
                        raw.getShape());
            }
        }
        if (!tokenOutput) {
            return out;
        }
        long b = out.getShape().get(0);
        NDArray patches = out.get(new NDIndex(":, {}:, :", extraTokens));
        return patches.transpose(0, 2, 1).reshape(b, channels, grid, grid);
    }

    @Override
    public void close() {
        model.close();
    }

    /** The options in a setting: what follows the location's '#'. */
    private static Map<String, String> options(String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = setting.substring(location(setting).length());
        for (String part : s.replaceFirst("^#", "").split("[,&]")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new BackboneContractException("backbone option '" + part + "' is not key=value");
            }
            out.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
        }
        return out;
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        try {
            int n = v == null ? fallback : Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BackboneContractException("backbone option " + key + "=" + v + " is not a positive integer");
        }
    }

    private static String fileName(String location) {
        String name = location.replaceAll("[?#].*$", "");
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The first 12 hex digits of the file's SHA-256, so results say exactly which weights produced them. */
    private static String version(String location, boolean url) {
        if (url && !location.startsWith("file:")) {
            return "url";
        }
        Path path = url ? Path.of(URI.create(location)) : Path.of(location);
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown";
        }
    }
}
