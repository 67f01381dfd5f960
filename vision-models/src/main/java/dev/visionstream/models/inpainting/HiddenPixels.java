package dev.visionstream.models.inpainting;

import java.awt.image.BufferedImage;

/**
 * Privacy: what lies under a hole must never reach a fill or a model. Every inpainter starts from this copy, in which
 * hole pixels are black, so its output cannot depend on them.
 */
public final class HiddenPixels {
    private HiddenPixels() {
    }

    public static BufferedImage blanked(BufferedImage image, InpaintMask mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            if (mask.isHole(i % w, i / w)) {
                rgb[i] = 0;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }
}
