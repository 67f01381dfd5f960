package dev.visionstream.app.topology;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Encoded frames for topology tests. */
public final class TestFrames {
    private final Random random = new Random(11);

    /** Blocky random content: every call gives a visibly different frame. */
    public byte[] changing(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int by = 0; by < h; by += 8) {
            for (int bx = 0; bx < w; bx += 8) {
                int grey = 40 + random.nextInt(170);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int y = by; y < Math.min(h, by + 8); y++) {
                    for (int x = bx; x < Math.min(w, bx + 8); x++) {
                        image.setRGB(x, y, rgb);
                    }
                }
            }
        }
        return png(image);
    }

    public byte[] uniform(int w, int h, int grey) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        int rgb = (grey << 16) | (grey << 8) | grey;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return png(image);
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
