package dev.visionstream.app.stages.splatting;

import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.StereoSplatPredictor;
import dev.visionstream.models.splatting.YonoSplatNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Which predictor the splatting stage runs: a user-supplied YoNoSplat export when {@code VISION_SPLAT_MODEL}
 * (or {@code -Dvision.splat.model}) names one — input size {@code VISION_SPLAT_MODEL_SIZE} as {@code HxW}, default
 * 224x224; {@code VISION_SPLAT_MODEL_INTRINSICS=false} for networks without the intrinsics input — otherwise the
 * built-in calibrated-stereo default.
 */
public final class SplatPredictors {
    private SplatPredictors() {
    }

    public static SplatPipeline fromEnvironment() {
        String model = setting("vision.splat.model", "VISION_SPLAT_MODEL", "");
        if (model.isBlank()) {
            return new SplatPipeline(new StereoSplatPredictor());
        }
        String[] size = setting("vision.splat.model.size", "VISION_SPLAT_MODEL_SIZE", "224x224").split("x");
        boolean intrinsics = Boolean.parseBoolean(setting("vision.splat.model.intrinsics",
                "VISION_SPLAT_MODEL_INTRINSICS", "true"));
        try {
            return new SplatPipeline(YonoSplatNetwork.load(Path.of(model), Integer.parseInt(size[0].trim()),
                    Integer.parseInt(size[1].trim()), intrinsics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null ? fallback : value;
    }
}
