package dev.visionstream.app.stages.splatting;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.StereoSplatPredictor;
import dev.visionstream.models.splatting.YonoSplatNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Which predictor the splatting stage runs: the user-supplied YoNoSplat export that the settings name (its input
 * size and whether it takes intrinsics come with it), otherwise the built-in calibrated-stereo default.
 */
public final class SplatPredictors {
    private SplatPredictors() {
    }

    public static SplatPipeline of(StageSettings settings) {
        if (settings.splatModel() == null) {
            return new SplatPipeline(new StereoSplatPredictor());
        }
        try {
            return new SplatPipeline(YonoSplatNetwork.load(settings.splatModel(), settings.splatModelHeight(),
                    settings.splatModelWidth(), settings.splatModelIntrinsics(),
                    settings.devices().resolve(ModelStage.SPLATTING)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the splat model " + settings.splatModel(), e);
        }
    }
}
