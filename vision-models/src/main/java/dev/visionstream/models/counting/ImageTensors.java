package dev.visionstream.models.counting;

import java.awt.image.BufferedImage;

/** Pixels of a {@link BufferedImage} as planar float RGB in 0..255 (grey images give three equal planes). */
public final class ImageTensors {
    private ImageTensors() {
    }

    public static float[] planarRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (p >> 16) & 0xff;
            out[plane + i] = (p >> 8) & 0xff;
            out[2 * plane + i] = p & 0xff;
        }
        return out;
    }
}
