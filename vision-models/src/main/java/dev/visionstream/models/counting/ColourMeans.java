package dev.visionstream.models.counting;

import java.awt.image.BufferedImage;

/** Mean RGB (0..1) over boxes of an image, in constant time through summed-area tables. */
final class ColourMeans {
    private final long[][] sums;
    private final int w;
    private final int h;

    ColourMeans(BufferedImage image) {
        w = image.getWidth();
        h = image.getHeight();
        sums = new long[3][(w + 1) * (h + 1)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int ch = 0; ch < 3; ch++) {
                long acc = 0;
                int shift = 16 - 8 * ch;
                for (int x = 0; x < w; x++) {
                    acc += (row[x] >> shift) & 0xff;
                    sums[ch][(y + 1) * (w + 1) + x + 1] = sums[ch][y * (w + 1) + x + 1] + acc;
                }
            }
        }
    }

    /** The mean colour of the middle half (each side) of a {@code bw x bh} box centred on {@code (x, y)}. */
    double[] inner(double x, double y, double bw, double bh) {
        int x0 = clamp((int) Math.round(x - bw / 4), w - 1);
        int x1 = clamp((int) Math.round(x + bw / 4), w - 1) + 1;
        int y0 = clamp((int) Math.round(y - bh / 4), h - 1);
        int y1 = clamp((int) Math.round(y + bh / 4), h - 1) + 1;
        double n = (double) (x1 - x0) * (y1 - y0) * 255;
        double[] out = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            long[] s = sums[ch];
            out[ch] = (s[y1 * (w + 1) + x1] - s[y0 * (w + 1) + x1] - s[y1 * (w + 1) + x0]
                    + s[y0 * (w + 1) + x0]) / n;
        }
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
