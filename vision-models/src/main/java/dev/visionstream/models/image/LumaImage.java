package dev.visionstream.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Rec.601 luma of an image as one byte per pixel; the common input of the brightness and similarity checks.
 */
public final class LumaImage {
    private final int width;
    private final int height;
    private final byte[] luma;

    private LumaImage(int width, int height, byte[] luma) {
        this.width = width;
        this.height = height;
        this.luma = luma;
    }

    public static LumaImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        int type = image.getType();
        if ((type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY)
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getParent() == null) {
            byte[] data = buffer.getData();
            if (type == BufferedImage.TYPE_BYTE_GRAY) {
                System.arraycopy(data, 0, out, 0, out.length);
            } else {
                for (int i = 0, j = 0; i < out.length; i++, j += 3) {
                    out[i] = (byte) luma(data[j + 2] & 0xff, data[j + 1] & 0xff, data[j] & 0xff);
                }
            }
        } else {
            // generic path for other layouts (PNG with alpha, indexed colour, sub-images)
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    out[y * w + x] = (byte) luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
                }
            }
        }
        return new LumaImage(w, h, out);
    }

    public static LumaImage of(int width, int height, byte[] luma) {
        if (luma.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " values, got " + luma.length);
        }
        return new LumaImage(width, height, luma.clone());
    }

    /** Integer Rec.601 weights (0.299, 0.587, 0.114) scaled by 1024. */
    static int luma(int r, int g, int b) {
        return (306 * r + 601 * g + 117 * b + 512) >> 10;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int at(int x, int y) {
        return luma[y * width + x] & 0xff;
    }

    /**
     * Block-mean downscale to {@code tw x th}; a small fingerprint that ignores sensor noise but not content changes.
     */
    public byte[] thumbnail(int tw, int th) {
        byte[] out = new byte[tw * th];
        for (int ty = 0; ty < th; ty++) {
            int y0 = ty * height / th;
            int y1 = Math.max(y0 + 1, (ty + 1) * height / th);
            for (int tx = 0; tx < tw; tx++) {
                int x0 = tx * width / tw;
                int x1 = Math.max(x0 + 1, (tx + 1) * width / tw);
                long sum = 0;
                for (int y = y0; y < y1; y++) {
                    int base = y * width;
                    for (int x = x0; x < x1; x++) {
                        sum += luma[base + x] & 0xff;
                    }
                }
                out[ty * tw + tx] = (byte) Math.round((double) sum / ((long) (y1 - y0) * (x1 - x0)));
            }
        }
        return out;
    }

    /** Mean, and fractions of pixels strictly below {@code darkBelow} and strictly above {@code brightAbove}. */
    public Exposure exposure(int darkBelow, int brightAbove) {
        long sum = 0;
        long dark = 0;
        long bright = 0;
        for (byte v : luma) {
            int l = v & 0xff;
            sum += l;
            if (l < darkBelow) {
                dark++;
            } else if (l > brightAbove) {
                bright++;
            }
        }
        double n = luma.length;
        return new Exposure(sum / n, dark / n, bright / n);
    }

    public record Exposure(double meanLuma, double darkFraction, double brightFraction) {
    }
}
