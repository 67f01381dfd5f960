package dev.visionstream.schemas;

/**
 * Per-camera thresholds of the health rules; any left out take the defaults below.
 *
 * @param frozenRepeats     frames with identical content in a row that count as frozen video
 * @param frozenMaxDiff     two frames are identical when no block of their 32x24 block-mean luma thumbnails differs by
 *                          more than this (0..255); block means ignore sensor noise, the maximum catches small motion
 * @param blackLuma         a pixel darker than this is dark
 * @param blackFraction     a frame with more dark pixels than this fraction is black
 * @param overexposedLuma   a pixel brighter than this is blown out
 * @param overexposedFraction a frame with more blown-out pixels than this fraction is overexposed
 * @param stallSeconds      no frame for this long (wall clock) is a stall
 */
public record HealthThresholds(Integer frozenRepeats, Double frozenMaxDiff, Integer blackLuma, Double blackFraction,
                               Integer overexposedLuma, Double overexposedFraction, Double stallSeconds) {
    public static final HealthThresholds DEFAULTS = new HealthThresholds(null, null, null, null, null, null, null);

    public HealthThresholds {
        frozenRepeats = frozenRepeats == null ? 5 : frozenRepeats;
        frozenMaxDiff = frozenMaxDiff == null ? 1.0 : frozenMaxDiff;
        blackLuma = blackLuma == null ? 16 : blackLuma;
        blackFraction = blackFraction == null ? 0.95 : blackFraction;
        overexposedLuma = overexposedLuma == null ? 245 : overexposedLuma;
        overexposedFraction = overexposedFraction == null ? 0.9 : overexposedFraction;
        stallSeconds = stallSeconds == null ? 10.0 : stallSeconds;
    }
}
