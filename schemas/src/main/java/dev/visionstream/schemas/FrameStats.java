package dev.visionstream.schemas;

/**
 * What the health stage measured on one frame.
 *
 * @param meanLuma       mean Rec.601 luma, 0..255
 * @param darkFraction   fraction of pixels with luma below the black threshold
 * @param brightFraction fraction of pixels with luma above the overexposure threshold
 * @param identicalRun   how many consecutive frames (this one included) had the same content
 */
public record FrameStats(int width, int height, double meanLuma, double darkFraction, double brightFraction,
                         int identicalRun) {
}
