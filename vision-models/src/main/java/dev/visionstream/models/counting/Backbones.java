package dev.visionstream.models.counting;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves a backbone setting: {@code default}, {@code filterbank} (the built-in filter bank), {@code learned} (the
 * built-in CNN trained in the project), a {@code .npz} file written by {@code vision count train}, or a
 * TorchScript / ONNX model file or URL.
 */
public final class Backbones {
    public static final String DEFAULT = "default";
    public static final String FILTER_BANK = "filterbank";
    public static final String LEARNED = "learned";
    /** What {@code default} stands for: the backbone that measured best on the real-image set (docs/stages). */
    static final String DEFAULT_CHOICE = FILTER_BANK;

    private Backbones() {
    }

    /** The backbone on the CPU. */
    public static FeatureBackbone open(String spec) {
        return open(spec, Device.cpu());
    }

    /** The backbone with its weights and its inputs on {@code device}. */
    public static FeatureBackbone open(String spec, Device device) {
        String s = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        String name = s.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT)) {
            name = DEFAULT_CHOICE;
        }
        if (name.equals(FILTER_BANK)) {
            return new FilterBankBackbone(FilterBankBackbone.DEFAULT_VARIANT, device);
        }
        if (name.equals(LEARNED)) {
            return LearnedBackbone.builtIn(device);
        }
        if (name.endsWith(".npz")) {
            return LearnedBackbone.fromFile(Path.of(s), device);
        }
        return DjlBackbone.load(s, device);
    }
}
