package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.StageDevices;
import dev.visionstream.app.runtime.StageSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --device} for the commands that run every stage: one device for all, or one per stage, over the settings. */
final class StageDeviceOptions {
    @Option(names = "--device", paramLabel = StageDevices.FORM,
            description = {"Where the model stages run: auto, cpu, gpu or gpu:N for all of them, or STAGE=DEVICE "
                    + "for one (counting, inpainting, pose, splatting); repeatable, later values win. Default: the "
                    + "settings (VISION_DEVICE, VISION_<STAGE>_DEVICE), else auto."})
    List<String> devices = new ArrayList<>();

    /** The process's stage settings with these devices over them. */
    StageSettings apply(StageSettings settings) {
        StageDevices merged = settings.devices();
        for (String value : devices) {
            try {
                merged = merged.with(List.of(value));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--device " + value, e.getMessage(), e);
            }
        }
        return settings.withDevices(merged);
    }
}
