package dev.visionstream.models.counting;

import java.util.Locale;

/** Resolves a backbone setting: {@code default} (the built-in filter bank) or a model file path or URL. */
public final class Backbones {
    public static final String DEFAULT = "default";

    private Backbones() {
    }

    public static FeatureBackbone open(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().toLowerCase(Locale.ROOT).equals(DEFAULT)) {
            return new FilterBankBackbone();
        }
        return DjlBackbone.load(spec.trim());
    }
}
