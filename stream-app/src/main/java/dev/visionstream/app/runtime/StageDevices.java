package dev.visionstream.app.runtime;

import ai.djl.Device;
import dev.visionstream.models.DeviceSetting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which device each model stage runs on: one default for all ({@code vision.device}, {@code auto} unless set) and
 * per-stage overrides ({@code vision.counting.device}, ...). Resolving asks the PyTorch engine how many GPUs it
 * sees, so it happens when a model is loaded, not when settings are read.
 *
 * @param fallback  for stages without an override
 * @param overrides per stage
 */
public record StageDevices(DeviceSetting fallback, Map<ModelStage, DeviceSetting> overrides) {
    /** The command-line form of one value: {@code DEVICE} for every stage, or {@code STAGE=DEVICE}. */
    public static final String FORM = "[STAGE=]DEVICE";

    public StageDevices {
        overrides = overrides.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(overrides));
    }

    /** {@code auto} everywhere. */
    public static StageDevices auto() {
        return new StageDevices(DeviceSetting.AUTO, Map.of());
    }

    /** The setting for {@code stage}: its override, else the default. */
    public DeviceSetting of(ModelStage stage) {
        return overrides.getOrDefault(stage, fallback);
    }

    /** The device {@code stage} runs on in this process. */
    public Device resolve(ModelStage stage) {
        return of(stage).resolve();
    }

    /** Whether any stage insists on a GPU. */
    public boolean wantsGpu() {
        return fallback.wantsGpu() || overrides.values().stream().anyMatch(DeviceSetting::wantsGpu);
    }

    /**
     * These settings with command-line values over them: {@code DEVICE} replaces the default and every override,
     * {@code STAGE=DEVICE} sets one stage; later values win.
     *
     * @throws IllegalArgumentException for an unknown stage or device, naming the value
     */
    public StageDevices with(List<String> values) {
        DeviceSetting all = fallback;
        Map<ModelStage, DeviceSetting> stages = new EnumMap<>(ModelStage.class);
        stages.putAll(overrides);
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                all = DeviceSetting.parse(value);
                stages.clear();
                continue;
            }
            ModelStage stage = ModelStage.byId(value.substring(0, eq).trim());
            if (stage == null) {
                throw new IllegalArgumentException("'" + value.substring(0, eq) + "' is not a model stage: expected "
                        + ids() + " (or no STAGE= for all)");
            }
            stages.put(stage, DeviceSetting.parse(value.substring(eq + 1)));
        }
        return new StageDevices(all, stages);
    }

    /** {@code device = auto}, then one line per override, for {@code --print-config}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("device = " + fallback);
        for (ModelStage s : ModelStage.values()) {
            if (overrides.containsKey(s)) {
                lines.add(s.property.substring("vision.".length()) + " = " + overrides.get(s));
            }
        }
        return lines;
    }

    private static String ids() {
        List<String> ids = new ArrayList<>();
        for (ModelStage s : ModelStage.values()) {
            ids.add(s.id);
        }
        return String.join(", ", ids);
    }
}
