package dev.visionstream.models.inpainting;

import java.awt.image.BufferedImage;

/** The hole mask in the generator's planar layout, and the two ways holes meet pixels: painted white, composited. */
public final class HoleTensors {
    private HoleTensors() {
    }

    /** H × W with 1 = hole. */
    public static float[] holes(InpaintMask mask) {
        float[] out = new float[mask.width() * mask.height()];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                out[y * mask.width() + x] = mask.isHole(x, y) ? 1f : 0f;
            }
        }
        return out;
    }

    /** Paints the hole pixels of planar RGB white in place: the published generator's input X(1 − M) + M. */
    public static void paintHolesWhite(float[] planar, int offset, InpaintMask mask) {
        int w = mask.width();
        int plane = w * mask.height();
        for (int i = 0; i < plane; i++) {
            if (mask.isHole(i % w, i / w)) {
                planar[offset + i] = 1f;
                planar[offset + plane + i] = 1f;
                planar[offset + 2 * plane + i] = 1f;
            }
        }
    }

    /** A copy of {@code original} with the hole pixels taken from {@code filled}. */
    public static BufferedImage composite(BufferedImage original, BufferedImage filled, InpaintMask mask) {
        int w = original.getWidth();
        int h = original.getHeight();
        int[] base = original.getRGB(0, 0, w, h, null, 0, w);
        int[] fill = filled.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < base.length; i++) {
            if (mask.isHole(i % w, i / w)) {
                base[i] = fill[i];
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, base, 0, w);
        return out;
    }
}
