package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;

/** A rendered picture: pixel-major RGB (not clamped above, as the rasteriser returns it) and accumulated opacity. */
public record Rendering(int width, int height, float[] rgb, float[] alpha) {
    public float value(int x, int y, int channel) {
        return rgb[3 * (y * width + x) + channel];
    }

    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = 3 * (y * width + x);
                image.setRGB(x, y, (to8(rgb[p]) << 16) | (to8(rgb[p + 1]) << 8) | to8(rgb[p + 2]));
            }
        }
        return image;
    }

    private static int to8(float v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
