package dev.visionstream.models.inpainting;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.Digests;
import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inpainting with the RN generator. The holes are filled first: white, X_in = X(1 − M) + M, for the
 * published generator; the {@link BlendInpainter} pre-fill for a residual one. That filled picture and the mask are
 * padded together by reflection to a multiple of 4 (8 for a half-resolution generator; so no hidden pixel reaches
 * the padding), the generator runs, and
 * the result is cropped back and composited so that valid pixels are returned untouched. Region statistics are per
 * image, so a frame's result never depends on the other frames of a batch.
 */
public final class RnInpainter implements Inpainter {
    /** The built-in default, trained in the project by {@code vision inpaint train} (see docs/stages/inpainting.md). */
    public static final String BUILT_IN_RESOURCE = "/dev/visionstream/models/inpainting/rn-default.npz";

    private final NDManager manager;
    private final RnGenerator generator;
    private final ModelInfo model;
    private final BlendInpainter prefill;

    private RnInpainter(NDManager manager, RnGenerator generator, ModelInfo model, BlendWeights blend) {
        this.manager = manager;
        this.generator = generator;
        this.model = model;
        this.prefill = generator.head() == RnGenerator.Head.RESIDUAL ? new BlendInpainter(blend, "built-in") : null;
        generator.setStatistics(RegionStatistics.PER_IMAGE);
    }

    /** The built-in default weights shipped in this jar, on the CPU. */
    public static RnInpainter builtIn() {
        return builtIn(Device.cpu());
    }

    /** The built-in default weights shipped in this jar, on {@code device}. */
    public static RnInpainter builtIn(Device device) {
        byte[] bytes;
        try (InputStream in = RnInpainter.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new RnWeightsException("built-in RN weights " + BUILT_IN_RESOURCE + " are missing from the jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromBytes(bytes, "built-in", "built-in default trained in the project (vision inpaint train): a "
                + "reduced-width RN generator at half resolution correcting the blend of Telea, Navier-Stokes and "
                + "diffusion fills; not the published Places2 model", BlendWeights.builtIn(), device);
    }

    /** Weights converted from an official checkpoint, or written by {@code vision inpaint train}, on the CPU. */
    public static RnInpainter fromFile(Path weights) {
        return fromFile(weights, Device.cpu());
    }

    /** As {@link #fromFile(Path)}, on {@code device}. */
    public static RnInpainter fromFile(Path weights, Device device) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(weights);
        } catch (IOException e) {
            throw new RnWeightsException("cannot read RN weights " + weights + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, weights.toString(), "file " + weights.toAbsolutePath(), BlendWeights.builtIn(),
                device);
    }

    /** Weights held in memory (training keeps its checkpoints so), with the blend a residual generator starts from. */
    public static RnInpainter fromBytes(byte[] bytes, String origin, String provenance, BlendWeights blend) {
        return fromBytes(bytes, origin, provenance, blend, Device.cpu());
    }

    /** As {@link #fromBytes(byte[], String, String, BlendWeights)}, on {@code device}. */
    public static RnInpainter fromBytes(byte[] bytes, String origin, String provenance, BlendWeights blend,
                                        Device device) {
        RnWeights weights = RnWeights.read(new ByteArrayInputStream(bytes), origin);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            RnGenerator generator = weights.newGenerator(manager);
            // a residual generator's output depends on its pre-fill too, so the version covers both
            byte[] identity = generator.head() == RnGenerator.Head.RESIDUAL
                    ? concat(bytes, blend.format("").getBytes(StandardCharsets.UTF_8)) : bytes;
            return new RnInpainter(manager, generator, new ModelInfo(modelName(generator),
                    Digests.sha256Hex(identity).substring(0, 12), provenance, DeviceSetting.label(device)), blend);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A generator with the official random initialisation: for speed measurements, never for results. */
    public static RnInpainter randomWeights(int width, long seed) {
        return randomWeights(width, seed, Device.cpu());
    }

    /** As {@link #randomWeights(int, long)}, on {@code device}. */
    public static RnInpainter randomWeights(int width, long seed, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        manager.getEngine().setRandomSeed((int) seed);
        RnGenerator generator = new RnGenerator(width);
        generator.initialize(manager, DataType.FLOAT32);
        return new RnInpainter(manager, generator, new ModelInfo("rn-generator-w" + width, "random-" + seed,
                "random initialisation (benchmark only)", DeviceSetting.label(device)), null);
    }

    private static String modelName(RnGenerator generator) {
        String name = generator.head() == RnGenerator.Head.RESIDUAL ? "rn-residual-generator-w" : "rn-generator-w";
        return name + generator.width()
                + (generator.normalization() == RnGenerator.Normalization.INSTANCE ? "-instance-norm" : "")
                + (generator.resolution() == RnGenerator.Resolution.HALF ? "-half-resolution" : "");
    }

    public int width() {
        return generator.width();
    }

    public RnGenerator generator() {
        return generator;
    }

    @Override
    public InpaintMethod method() {
        return InpaintMethod.RN;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public BufferedImage inpaint(BufferedImage image, InpaintMask mask) {
        return inpaintAll(List.of(image), List.of(mask)).get(0);
    }

    /** Runs images of one size as one batch (per-image statistics keep the results independent). */
    @Override
    public synchronized List<BufferedImage> inpaintAll(List<BufferedImage> images, List<InpaintMask> masks) {
        if (images.isEmpty()) {
            return List.of();
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).getWidth() != w || images.get(i).getHeight() != h
                    || masks.get(i).width() != w || masks.get(i).height() != h) {
                List<BufferedImage> out = new ArrayList<>();
                for (int j = 0; j < images.size(); j++) {
                    out.add(inpaint(images.get(j), masks.get(j)));
                }
                return out;
            }
        }
        // the bottleneck (a quarter of the generator's input) must exceed its dilated blocks' padding of 2
        int multiple = 4 * generator.resolution().factor();
        int paddedW = Math.max(3 * multiple, roundUp(w, multiple));
        int paddedH = Math.max(3 * multiple, roundUp(h, multiple));
        int batch = images.size();
        int plane = paddedW * paddedH;
        float[] input = new float[batch * 3 * plane];
        float[] holes = new float[batch * plane];
        for (int b = 0; b < batch; b++) {
            fillPadded(images.get(b), masks.get(b), paddedW, paddedH, input, b * 3 * plane, holes, b * plane);
        }
        float[] output;
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(input, new Shape(batch, 3, paddedH, paddedW));
            NDArray m = call.create(holes, new Shape(batch, 1, paddedH, paddedW));
            output = generator.forward(new ParameterStore(call, false), new NDList(x, m), false)
                    .singletonOrThrow().toFloatArray();
        }
        List<BufferedImage> results = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            BufferedImage filled = ImageTensors.fromPlanarUnit(cropped(output, b * 3 * plane, paddedW, paddedH, w, h),
                    0, w, h);
            results.add(HoleTensors.composite(images.get(b), filled, masks.get(b)));
        }
        return results;
    }

    /** The holes filled (white, or the blend for a residual generator), valid pixels as they are: 3 × h × w. */
    private float[] holesFilled(BufferedImage image, InpaintMask mask) {
        if (prefill != null) {
            return prefill.prefill(image, mask);
        }
        float[] planar = ImageTensors.planarUnitRgb(HiddenPixels.blanked(image, mask));
        HoleTensors.paintHolesWhite(planar, 0, mask);
        return planar;
    }

    /**
     * The filled picture and its mask, reflected together at the bottom/right edges: a padded position copies both
     * the value and the hole flag of its source, so hidden pixels stay hidden.
     */
    private void fillPadded(BufferedImage image, InpaintMask mask, int pw, int ph, float[] input, int inOff,
                            float[] holes, int maskOff) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] filled = holesFilled(image, mask);
        int plane = w * h;
        int paddedPlane = pw * ph;
        for (int y = 0; y < ph; y++) {
            int sy = reflect(y, h);
            for (int x = 0; x < pw; x++) {
                int sx = reflect(x, w);
                int s = sy * w + sx;
                int i = y * pw + x;
                for (int c = 0; c < 3; c++) {
                    input[inOff + c * paddedPlane + i] = filled[c * plane + s];
                }
                holes[maskOff + i] = mask.isHole(sx, sy) ? 1f : 0f;
            }
        }
    }

    private static int reflect(int i, int size) {
        int r = i < size ? i : 2 * (size - 1) - i;
        return Math.max(0, Math.min(size - 1, r));
    }

    private static float[] cropped(float[] output, int offset, int pw, int ph, int w, int h) {
        float[] out = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(output, offset + c * pw * ph + y * pw, out, c * w * h + y * w, w);
            }
        }
        return out;
    }

    private static int roundUp(int v, int multiple) {
        return (v + multiple - 1) / multiple * multiple;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
