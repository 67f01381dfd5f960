package dev.visionstream.app.runtime;

import dev.visionstream.app.topology.Batching;
import dev.visionstream.models.DeviceSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the model stages load, read once in the service layer and handed to the stages: each setting comes from a
 * system property ({@code -Dvision....}), else an environment variable, else its default.
 *
 * @param countingBackbone       {@code default}, {@code filterbank}, {@code learned}, a {@code .npz}, or a
 *                               TorchScript / ONNX file or URL
 * @param countingVerifier       an instance verifier written by {@code vision count train-verifier}, or null for the
 *                               built-in one
 * @param countingDetector       the folder of the pretrained detector whose features the verifier also judges
 *                               ({@code scripts/fetch-counting-detector.sh}), or null for none
 * @param countingOverlays       whether the counting stage writes density overlays to the artifact store
 * @param inpaintWeights         RN weights written by {@code vision inpaint train}, or null for the built-in ones
 * @param poseWeights            pose network weights written by {@code vision pose train}, or null for the built-in
 * @param splatModel             a YoNoSplat TorchScript / ONNX export, or null for the built-in stereo predictor
 * @param splatModelHeight       the export's input height
 * @param splatModelWidth        the export's input width
 * @param splatModelIntrinsics   whether the export takes intrinsics as an input
 * @param countingBatching       how the counting stage groups frames (size 1: one by one)
 * @param inpaintBatching        how the inpainting stage groups frames before one model call
 * @param poseBatching           how the pose stage groups keypoint records before one network pass per round
 * @param devices                where each model stage runs: {@code vision.device} and per-stage
 *                               {@code vision.<stage>.device} ({@link ModelStage})
 */
public record StageSettings(String countingBackbone, Path countingVerifier, Path countingDetector,
                            boolean countingOverlays,
                            Path inpaintWeights, Path poseWeights, Path splatModel, int splatModelHeight,
                            int splatModelWidth,
                            boolean splatModelIntrinsics, Batching countingBatching, Batching inpaintBatching,
                            Batching poseBatching, StageDevices devices) {
    /** One setting: its system property, its environment variable and its default. */
    public enum Key {
        COUNTING_BACKBONE("vision.counting.backbone", "VISION_COUNTING_BACKBONE", "default"),
        COUNTING_VERIFIER("vision.counting.verifier", "VISION_COUNTING_VERIFIER", ""),
        COUNTING_DETECTOR("vision.counting.detector", "VISION_COUNTING_DETECTOR", ""),
        COUNTING_OVERLAYS("vision.counting.overlays", "VISION_COUNTING_OVERLAYS", "true"),
        INPAINT_WEIGHTS("vision.inpaint.weights", "VISION_INPAINT_WEIGHTS", ""),
        POSE_WEIGHTS("vision.pose.weights", "VISION_POSE_WEIGHTS", ""),
        SPLAT_MODEL("vision.splat.model", "VISION_SPLAT_MODEL", ""),
        SPLAT_MODEL_SIZE("vision.splat.model.size", "VISION_SPLAT_MODEL_SIZE", "224x224"),
        SPLAT_MODEL_INTRINSICS("vision.splat.model.intrinsics", "VISION_SPLAT_MODEL_INTRINSICS", "true"),
        COUNTING_BATCH_SIZE("vision.counting.batchSize", "VISION_COUNTING_BATCH_SIZE", "1"),
        COUNTING_BATCH_LINGER_MS("vision.counting.batchLingerMs", "VISION_COUNTING_BATCH_LINGER_MS", "20"),
        INPAINT_BATCH_SIZE("vision.inpaint.batchSize", "VISION_INPAINT_BATCH_SIZE", "1"),
        INPAINT_BATCH_LINGER_MS("vision.inpaint.batchLingerMs", "VISION_INPAINT_BATCH_LINGER_MS", "20"),
        POSE_BATCH_SIZE("vision.pose.batchSize", "VISION_POSE_BATCH_SIZE", "1"),
        POSE_BATCH_LINGER_MS("vision.pose.batchLingerMs", "VISION_POSE_BATCH_LINGER_MS", "20"),
        DEVICE("vision.device", "VISION_DEVICE", "auto");

        public final String property;
        public final String environment;
        public final String fallback;

        Key(String property, String environment, String fallback) {
            this.property = property;
            this.environment = environment;
            this.fallback = fallback;
        }
    }

    public StageSettings {
        if (countingBackbone == null || countingBackbone.isBlank()) {
            throw new IllegalArgumentException("counting backbone must not be blank");
        }
        if (devices == null) {
            throw new IllegalArgumentException("devices must be given");
        }
        if (splatModelHeight < 1 || splatModelWidth < 1) {
            throw new IllegalArgumentException("splat model size must be positive, got " + splatModelHeight + "x"
                    + splatModelWidth);
        }
        if (countingBatching == null || inpaintBatching == null || poseBatching == null) {
            throw new IllegalArgumentException("batching must be given (Batching.NONE for none)");
        }
    }

    /** Every default: built-in models everywhere. */
    public static StageSettings defaults() {
        return from(Map.of(), new Properties());
    }

    /** The settings of this process: its system properties over its environment. */
    public static StageSettings fromProcess() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * @throws IllegalArgumentException naming the setting when a value cannot be used
     */
    public static StageSettings from(Map<String, String> environment, Properties properties) {
        Map<Key, String> v = new EnumMap<>(Key.class);
        for (Key k : Key.values()) {
            String value = properties.getProperty(k.property, environment.get(k.environment));
            v.put(k, value == null ? k.fallback : value.trim());
        }
        int[] size = size(v.get(Key.SPLAT_MODEL_SIZE));
        return new StageSettings(v.get(Key.COUNTING_BACKBONE).isBlank() ? Key.COUNTING_BACKBONE.fallback
                : v.get(Key.COUNTING_BACKBONE), path(v.get(Key.COUNTING_VERIFIER)), path(v.get(Key.COUNTING_DETECTOR)),
                bool(Key.COUNTING_OVERLAYS, v.get(Key.COUNTING_OVERLAYS)),
                path(v.get(Key.INPAINT_WEIGHTS)), path(v.get(Key.POSE_WEIGHTS)), path(v.get(Key.SPLAT_MODEL)),
                size[0], size[1], bool(Key.SPLAT_MODEL_INTRINSICS, v.get(Key.SPLAT_MODEL_INTRINSICS)),
                batching(v, Key.COUNTING_BATCH_SIZE, Key.COUNTING_BATCH_LINGER_MS),
                batching(v, Key.INPAINT_BATCH_SIZE, Key.INPAINT_BATCH_LINGER_MS),
                batching(v, Key.POSE_BATCH_SIZE, Key.POSE_BATCH_LINGER_MS),
                devices(environment, properties, v.get(Key.DEVICE)));
    }

    /** These settings with other devices ({@code --device} on the command line). */
    public StageSettings withDevices(StageDevices other) {
        return new StageSettings(countingBackbone, countingVerifier, countingDetector, countingOverlays,
                inpaintWeights, poseWeights, splatModel, splatModelHeight, splatModelWidth, splatModelIntrinsics,
                countingBatching, inpaintBatching, poseBatching, other);
    }

    private static StageDevices devices(Map<String, String> environment, Properties properties, String fallback) {
        DeviceSetting all = device(Key.DEVICE.environment, Key.DEVICE.property, fallback.isBlank() ? "auto" : fallback);
        Map<ModelStage, DeviceSetting> overrides = new EnumMap<>(ModelStage.class);
        for (ModelStage s : ModelStage.values()) {
            String value = properties.getProperty(s.property, environment.get(s.environment));
            if (value != null && !value.isBlank()) {
                overrides.put(s, device(s.environment, s.property, value));
            }
        }
        return new StageDevices(all, overrides);
    }

    private static DeviceSetting device(String environment, String property, String value) {
        try {
            return DeviceSetting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(environment + " (" + property + "): " + e.getMessage(), e);
        }
    }

    /** One {@code name = value} line per setting, for {@code --print-config}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("counting.backbone = " + countingBackbone);
        lines.add("counting.verifier = " + orBuiltIn(countingVerifier));
        lines.add("counting.detector = " + (countingDetector == null ? "none" : countingDetector));
        lines.add("counting.overlays = " + countingOverlays);
        lines.add("counting.batchSize = " + countingBatching.size());
        lines.add("counting.batchLingerMs = " + countingBatching.lingerMs());
        lines.add("inpaint.weights = " + orBuiltIn(inpaintWeights));
        lines.add("inpaint.batchSize = " + inpaintBatching.size());
        lines.add("inpaint.batchLingerMs = " + inpaintBatching.lingerMs());
        lines.add("pose.weights = " + orBuiltIn(poseWeights));
        lines.add("pose.batchSize = " + poseBatching.size());
        lines.add("pose.batchLingerMs = " + poseBatching.lingerMs());
        lines.add("splat.model = " + (splatModel == null ? "built-in stereo predictor" : splatModel));
        if (splatModel != null) {
            lines.add("splat.model.size = " + splatModelHeight + "x" + splatModelWidth);
            lines.add("splat.model.intrinsics = " + splatModelIntrinsics);
        }
        lines.addAll(devices.describe());
        return lines;
    }

    private static String orBuiltIn(Path p) {
        return p == null ? "built-in" : p.toString();
    }

    private static Path path(String value) {
        return value.isBlank() ? null : Path.of(value);
    }

    private static boolean bool(Key key, String value) {
        return SettingValues.bool(SettingValues.names(key.environment, key.property), value);
    }

    private static Batching batching(Map<Key, String> v, Key size, Key linger) {
        int frames = (int) number(size, v.get(size), 1, Batching.MAX_SIZE);
        return new Batching(frames, number(linger, v.get(linger), 1, Batching.MAX_LINGER_MS));
    }

    private static long number(Key key, String value, long min, long max) {
        return SettingValues.wholeNumber(SettingValues.names(key.environment, key.property), value, min, max);
    }

    private static int[] size(String value) {
        String[] parts = value.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Key.SPLAT_MODEL_SIZE.environment + " (" + Key.SPLAT_MODEL_SIZE.property
                + ") must be HEIGHTxWIDTH, got '" + value + "'");
    }
}
