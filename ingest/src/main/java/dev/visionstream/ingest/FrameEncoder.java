package dev.visionstream.ingest;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes decoded frames as JPEG at a fixed quality, optionally scaling them down to a maximum width first.
 *
 * <p>It runs once per frame, so the JPEG writer, its parameters and the output buffer are created once and reused;
 * an instance is therefore not thread-safe (use one per source). The JDK's JPEG writer frees its native state when
 * collected, so there is nothing to close.
 */
public final class FrameEncoder {
    public static final float DEFAULT_QUALITY = 0.85f;
    /** Means "never scale". */
    public static final int NO_MAX_WIDTH = 0;

    private final float quality;
    private final int maxWidth;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    /**
     * @param quality  JPEG quality in (0, 1]
     * @param maxWidth frames wider than this are scaled down, keeping the aspect ratio; {@link #NO_MAX_WIDTH} keeps the
     *                 size
     */
    public FrameEncoder(float quality, int maxWidth) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1]: " + quality);
        }
        if (maxWidth < 0) {
            throw new IllegalArgumentException("maxWidth must be >= 0: " + maxWidth);
        }
        this.quality = quality;
        this.maxWidth = maxWidth;
        this.writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
    }

    /** Quality {@value #DEFAULT_QUALITY}, original size. */
    public FrameEncoder() {
        this(DEFAULT_QUALITY, NO_MAX_WIDTH);
    }

    public float quality() {
        return quality;
    }

    public int maxWidth() {
        return maxWidth;
    }

    /** The JPEG encoding of {@code image}, after scaling it down when it is wider than the maximum width. */
    public EncodedImage encode(BufferedImage image) {
        BufferedImage encodable = toEncodable(image);
        buffer.reset();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(encodable, null, null), param);
        } catch (IOException e) {
            // only an in-memory stream is written, so this is a writer failure, not an I/O condition
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.setOutput(null);
        }
        return new EncodedImage(buffer.toByteArray(), ImageContentTypes.JPEG, encodable.getWidth(),
                encodable.getHeight());
    }

    /**
     * The image as the JPEG writer takes it: at most {@code maxWidth} wide and without alpha (ImageIO would write
     * alpha as a fourth channel that other decoders read as CMYK). 3-byte BGR and gray images, which is what
     * video decoding gives, pass through untouched.
     */
    private BufferedImage toEncodable(BufferedImage image) {
        boolean tooWide = maxWidth != NO_MAX_WIDTH && image.getWidth() > maxWidth;
        boolean directlyWritable = image.getType() == BufferedImage.TYPE_3BYTE_BGR
                || image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || image.getType() == BufferedImage.TYPE_INT_RGB;
        if (!tooWide && directlyWritable) {
            return image;
        }
        int width = tooWide ? maxWidth : image.getWidth();
        int height = tooWide ? Math.max(1, Math.round(image.getHeight() * (float) maxWidth / image.getWidth()))
                : image.getHeight();
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
