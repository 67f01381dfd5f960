package dev.visionstream.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Width and height of an encoded image, read from its header so that the pixels are never decoded. */
public record ImageDimensions(int width, int height) {

    /** The size of the first image in {@code encoded}, or empty when no ImageIO reader understands the bytes. */
    public static Optional<ImageDimensions> read(byte[] encoded) throws IOException {
        // in memory: ImageIO.createImageInputStream would copy every frame into a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                // seekForwardOnly + ignoreMetadata: the reader parses no further than the header it needs
                reader.setInput(in, true, true);
                return Optional.of(new ImageDimensions(reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        }
    }
}
