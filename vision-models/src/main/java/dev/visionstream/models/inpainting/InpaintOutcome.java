package dev.visionstream.models.inpainting;

import java.awt.image.BufferedImage;

/**
 * The result of {@link Inpainting#run}: the filled image, the mask as applied (at the image's size), whether the
 * image was passed through unchanged because the mask was empty, and the model time.
 */
public record InpaintOutcome(BufferedImage image, InpaintMask mask, boolean passedThrough, double modelMillis) {
    public double maskFraction() {
        return mask.holeFraction();
    }
}
