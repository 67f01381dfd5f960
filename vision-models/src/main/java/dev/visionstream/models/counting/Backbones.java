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
        String s = trimmed(spec);
        String name = builtInName(s);
        if (FILTER_BANK.equals(name)) {
            return new FilterBankBackbone(FilterBankBackbone.DEFAULT_VARIANT, device);
        }
        if (LEARNED.equals(name)) {
            return LearnedBackbone.builtIn(device);
        }
        if (isLearnedFile(s)) {
            return LearnedBackbone.fromFile(Path.of(s), device);
        }
        return DjlBackbone.load(s, device);
    }

    /**
     * The local file a setting names, or null for a built-in backbone or a URL: what can be checked before the
     * backbone is opened.
     */
    public static Path localFile(String spec) {
        String s = trimmed(spec);
        if (builtInName(s) != null) {
            return null;
        }
        if (isLearnedFile(s)) {
            return Path.of(s);
        }
        String location = DjlBackbone.location(s);
        return DjlBackbone.isUrl(location) ? null : Path.of(location);
    }

    private static String trimmed(String spec) {
        return spec == null || spec.isBlank() ? DEFAULT : spec.trim();
    }

    /** {@link #FILTER_BANK} or {@link #LEARNED} when the setting names a built-in backbone, else null. */
    private static String builtInName(String s) {
        String name = s.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT)) {
            return DEFAULT_CHOICE;
        }
        return name.equals(FILTER_BANK) || name.equals(LEARNED) ? name : null;
    }

    private static boolean isLearnedFile(String s) {
        return s.toLowerCase(Locale.ROOT).endsWith(".npz");
    }
}
