package dev.visionstream.models.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A picture as PNG bytes (artifacts, frames, benchmarks); writing to memory cannot fail short of a JDK bug. */
public final class PngBytes {
    private PngBytes() {
    }

    public static byte[] of(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // in memory: ImageIO.write to a plain stream would go through a temporary file
        try (ImageOutputStream memory = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", memory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
