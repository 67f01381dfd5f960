package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;

/** PSNR of a picture against a reference photo on a pixel mask (images in [0,1], render clipped to [0,1]). */
public final class RenderQuality {
    private RenderQuality() {
    }

    public static double psnr(BufferedImage image, BufferedImage reference, boolean[] mask) {
        int w = reference.getWidth();
        int h = reference.getHeight();
        if (image.getWidth() != w || image.getHeight() != h) {
            throw new IllegalArgumentException("images differ in size");
        }
        double sum = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask != null && !mask[y * w + x]) {
                    continue;
                }
                int a = image.getRGB(x, y);
                int b = reference.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = (((a >> shift) & 0xff) - ((b >> shift) & 0xff)) / 255.0;
                    sum += d * d;
                }
                n += 3;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the mask selects no pixel");
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }
}
