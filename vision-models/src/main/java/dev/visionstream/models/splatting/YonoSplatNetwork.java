package dev.visionstream.models.splatting;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.schemas.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A user-supplied YoNoSplat network (TorchScript {@code .pt} or ONNX {@code .onnx}, engine chosen by the file),
 * loaded through DJL and held to {@link YonoSplatContract}: on load it is run once on two blank views and every
 * output shape is checked, so a wrong file fails at start-up with a message saying what does not match.
 * Thread-safe for sequential calls from one thread per instance.
 */
public final class YonoSplatNetwork implements SplatPredictor, AutoCloseable {
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final int height;
    private final int width;
    private final boolean takesIntrinsics;
    private final ModelInfo info;

    private YonoSplatNetwork(ZooModel<NDList, NDList> model, int height, int width, boolean takesIntrinsics,
                             ModelInfo info) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.height = height;
        this.width = width;
        this.takesIntrinsics = takesIntrinsics;
        this.info = info;
    }

    /**
     * @param file            the exported network
     * @param height          network input height (224 for the released checkpoints, 280 for the high-res model)
     * @param width           network input width (224 or 518)
     * @param takesIntrinsics whether the network has the optional second input
     * @param device          where a TorchScript network runs and its inputs are made (ONNX ones run on the CPU)
     */
    public static YonoSplatNetwork load(Path file, int height, int width, boolean takesIntrinsics, Device device)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("YoNoSplat model not found at " + file.toAbsolutePath());
        }
        if (height % 14 != 0 || width % 14 != 0) {
            throw new IllegalArgumentException("YoNoSplat input size must be a multiple of 14, got " + width + "×"
                    + height);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String engine = name.endsWith(".onnx") ? "OnnxRuntime" : "PyTorch";
        if (!"PyTorch".equals(engine) && device.isGpu()) {
            throw new IllegalArgumentException(file + ": ONNX models run on the CPU here; use device cpu, or a "
                    + "TorchScript export (.pt) for the GPU");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath()).optEngine(engine).optDevice(device)
                .optTranslator(new NoopTranslator()).optProgress(null).build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new IOException("cannot load " + file + " as a " + engine + " model: " + e.getMessage(), e);
        }
        ModelInfo info = new ModelInfo("yonosplat", sha256(file).substring(0, 12),
                "user-supplied " + engine + " model " + file.toAbsolutePath(), DeviceSetting.label(device));
        YonoSplatNetwork network = new YonoSplatNetwork(model, height, width, takesIntrinsics, info);
        try {
            network.probe();
        } catch (RuntimeException e) {
            network.close();
            throw new IllegalArgumentException(file + " does not follow the YoNoSplat tensor contract: "
                    + e.getMessage(), e);
        }
        return network;
    }

    private void probe() {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList out = run(manager, new float[2 * 3 * height * width], blankIntrinsics(2), 2);
            YonoSplatContract.check(out, 2, height, width);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public boolean requiresPoses() {
        return false;
    }

    @Override
    public ViewPredictions predict(List<SplatView> views) {
        int v = views.size();
        int plane = 3 * height * width;
        float[] images = new float[v * plane];
        float[] intrinsics = new float[v * 9];
        boolean allCalibrated = views.stream().allMatch(view -> view.camera() != null);
        List<NormalizedIntrinsics> given = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            SplatView view = views.get(i);
            NormalizedIntrinsics k = view.camera() == null ? null : NormalizedIntrinsics.fromPixels(
                    view.camera().k(), view.image().getWidth(), view.image().getHeight());
            ViewPreprocessor.PreparedView prepared = ViewPreprocessor.prepare(view.image(), k, height, width);
            System.arraycopy(prepared.rgb(), 0, images, i * plane, plane);
            NormalizedIntrinsics used = allCalibrated ? prepared.intrinsics()
                    : new NormalizedIntrinsics(1, 1, 0.5, 0.5);
            given.add(allCalibrated ? used : null);
            float[] m = {(float) used.fx(), 0, (float) used.cx(), 0, (float) used.fy(), (float) used.cy(), 0, 0, 1};
            System.arraycopy(m, 0, intrinsics, 9 * i, 9);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList out = run(manager, images, intrinsics, v);
            YonoSplatContract.check(out, v, height, width);
            float[] points = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
            float[] gaussians = out.get(1).toType(DataType.FLOAT32, false).toFloatArray();
            float[] camera = out.get(2).toType(DataType.FLOAT32, false).toFloatArray();
            float[] focal = out.get(3).toType(DataType.FLOAT32, false).toFloatArray();
            int n = height * width;
            List<LocalGaussians> local = new ArrayList<>();
            List<Pose> poses = new ArrayList<>();
            List<double[]> pixelK = new ArrayList<>();
            boolean posed = views.get(0).camera() != null && views.get(0).camera().camToWorld() != null;
            for (int i = 0; i < v; i++) {
                LocalGaussians g = LocalGaussians.allocate(height, width);
                GaussianActivations.activateInto(points, i * 3 * n, gaussians, i * GaussianActivations.GAUSSIAN_CHANNELS
                        * n, n, g);
                local.add(g);
                // pose-dependent mode with given (normalised) poses, pose-free otherwise
                poses.add(posed ? views.get(i).camera().camToWorld() : PoseHeadDecoder.decode(camera, 12 * i));
                NormalizedIntrinsics k = given.get(i) != null ? given.get(i)
                        : new NormalizedIntrinsics(focal[2 * i], focal[2 * i + 1], 0.5, 0.5);
                pixelK.add(k.toPixels(width, height));
            }
            return new ViewPredictions(local, poses, pixelK);
        }
    }

    private NDList run(NDManager manager, float[] images, float[] intrinsics, int views) {
        NDArray imageArray = manager.create(images, new Shape(1, views, 3, height, width));
        NDList input = takesIntrinsics ? new NDList(imageArray, manager.create(intrinsics, new Shape(1, views, 3, 3)))
                : new NDList(imageArray);
        try {
            NDList out = predictor.predict(input);
            for (NDArray array : out) {
                array.attach(manager);
            }
            return out;
        } catch (TranslateException e) {
            throw new IllegalStateException("YoNoSplat forward pass failed: " + e.getMessage(), e);
        }
    }

    private static float[] blankIntrinsics(int views) {
        float[] k = new float[9 * views];
        for (int i = 0; i < views; i++) {
            System.arraycopy(new float[] {1, 0, 0.5f, 0, 1, 0.5f, 0, 0, 1}, 0, k, 9 * i, 9);
        }
        return k;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
