package dev.visionstream.models.inpainting;

import java.awt.image.BufferedImage;

/** Conversions between pictures and the generator's planar float layout (RGB in [0, 1], no normalisation). */
public final class ImageTensors {
    private ImageTensors() {
    }

    /** Planar RGB (3 × H × W) in [0, 1]. */
    public static float[] toPlanar(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            out[i] = ((rgb[i] >> 16) & 0xff) / 255f;
            out[plane + i] = ((rgb[i] >> 8) & 0xff) / 255f;
            out[2 * plane + i] = (rgb[i] & 0xff) / 255f;
        }
        return out;
    }

    /** H × W with 1 = hole. */
    public static float[] toPlanar(InpaintMask mask) {
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

    /** Back to 8-bit RGB, rounding to the nearest level. */
    public static BufferedImage fromPlanar(float[] planar, int offset, int w, int h) {
        int plane = w * h;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (level(planar[offset + i]) << 16) | (level(planar[offset + plane + i]) << 8)
                    | level(planar[offset + 2 * plane + i]);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
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
