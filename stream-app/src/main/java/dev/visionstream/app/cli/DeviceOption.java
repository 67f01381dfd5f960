package dev.visionstream.app.cli;

import ai.djl.Device;
import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.models.DeviceSetting;
import picocli.CommandLine.Option;

/**
 * {@code --device} for a command that runs one model: the option, else the stage's device setting
 * ({@code VISION_<STAGE>_DEVICE}, then {@code VISION_DEVICE}), else {@code auto}.
 */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N",
            description = "Where the model runs: auto (the GPU when PyTorch sees one, else the CPU), cpu, gpu or "
                    + "gpu:N (an error where there is no GPU). Default: the settings (VISION_DEVICE), else auto.")
    String device;

    /** The setting, as the command line or the settings give it. */
    public DeviceSetting setting(ModelStage stage) {
        if (device == null) {
            return StageSettings.fromProcess().devices().of(stage);
        }
        try {
            return DeviceSetting.parse(device);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--device " + device, e.getMessage(), e);
        }
    }

    /**
     * The device {@code stage}'s model runs on here.
     *
     * @throws BadInputException for a device this machine does not have
     */
    public Device resolve(ModelStage stage) {
        DeviceSetting setting = setting(stage);
        try {
            return setting.resolve();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(device != null ? "--device " + device
                    : stage.environment + " / VISION_DEVICE " + setting, e.getMessage(), e);
        }
    }
}
