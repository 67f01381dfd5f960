package dev.visionstream.models.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes encoded frames (JPEG, PNG) after checking the declared size against a pixel limit, so a decompression
 * bomb is refused from its header before any pixel buffer is allocated.
 */
public final class BoundedImageDecoder {
    /** 8K UHD: larger frames are refused unless the limit is raised. */
    public static final long DEFAULT_MAX_PIXELS = 7680L * 4320L;
    /** An encoded 8K frame at high quality stays well below this. */
    public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

    private final long maxPixels;
    private final int maxBytes;

    public BoundedImageDecoder(long maxPixels, int maxBytes) {
        if (maxPixels <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive, were " + maxPixels + " pixels and "
                    + maxBytes + " bytes");
        }
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    public BoundedImageDecoder(long maxPixels) {
        this(maxPixels, DEFAULT_MAX_BYTES);
    }

    public BoundedImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    public BufferedImage decode(byte[] bytes) throws ImageDecodeException {
        return decode(bytes, 1);
    }

    /**
     * Decodes keeping every {@code subsampling}-th pixel in each direction; analysis that needs no full resolution
     * saves most of the colour conversion and memory this way.
     */
    public BufferedImage decode(byte[] bytes, int subsampling) throws ImageDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Reason.EMPTY, "frame has no bytes");
        }
        if (bytes.length > maxBytes) {
            throw new ImageDecodeException(ImageDecodeException.Reason.TOO_MANY_BYTES,
                    "frame has " + bytes.length + " bytes, over the limit of " + maxBytes);
        }
        Optional<DeclaredSize> declared = DeclaredSize.of(bytes);
        if (declared.isPresent() && declared.get().pixels() > maxPixels) {
            throw new ImageDecodeException(ImageDecodeException.Reason.PIXEL_LIMIT_EXCEEDED, "image declares "
                    + declared.get().width() + "x" + declared.get().height() + " pixels, over the limit of "
                    + maxPixels);
        }
        // in memory: ImageIO.createImageInputStream would copy every frame into a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                        "not a JPEG or PNG image (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                            "image declares " + width + "x" + height + " pixels");
                }
                if (width * height > maxPixels) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.PIXEL_LIMIT_EXCEEDED,
                            "image declares " + width + "x" + height + " pixels, over the limit of " + maxPixels);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                // a truncated JPEG decodes "successfully" into grey with only a warning: treat warnings as corruption
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                            "corrupt image data: " + String.join("; ", warnings));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO signals truncated or corrupt data with IIOException and, for some codecs, runtime exceptions
            throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                    "corrupt image data: " + e.getMessage(), e);
        }
    }
}
