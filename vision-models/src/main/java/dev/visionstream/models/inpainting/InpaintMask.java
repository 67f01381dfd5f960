package dev.visionstream.models.inpainting;

import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A binary inpainting mask, true = hole (to be filled). Read from a picture, every pixel with any non-zero colour
 * channel is a hole, the same rule for the CLI, camera configs and frame headers. (The OpenCV fuzzy sample masks
 * mark damage in black: invert them first.)
 */
public final class InpaintMask {
    /** Widths/heights whose ratio differs by less than this are the same aspect ratio. */
    private static final double ASPECT_TOLERANCE = 0.01;

    private final int width;
    private final int height;
    private final boolean[] holes;
    private final int holeCount;

    public InpaintMask(int width, int height, boolean[] holes) {
        if (width <= 0 || height <= 0 || holes.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + (long) width * height
                    + " entries, got " + holes.length);
        }
        this.width = width;
        this.height = height;
        this.holes = holes.clone();
        int count = 0;
        for (boolean h : holes) {
            count += h ? 1 : 0;
        }
        this.holeCount = count;
    }

    public static InpaintMask fromImage(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        boolean[] holes = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                holes[y * w + x] = (picture.getRGB(x, y) & 0xffffff) != 0;
            }
        }
        return new InpaintMask(w, h, holes);
    }

    /**
     * Decodes an encoded mask picture (PNG, JPEG, BMP, GIF) within the frame decoder's limits: a mask comes from a
     * camera config or a header, so it is untrusted input like a frame.
     */
    public static InpaintMask decode(byte[] encoded, String origin) {
        BufferedImage picture;
        try {
            picture = new BoundedImageDecoder().decode(encoded);
        } catch (ImageDecodeException e) {
            throw new InpaintInputException("mask " + origin + " is not a readable image: " + e.getMessage(), e);
        }
        return fromImage(picture);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isHole(int x, int y) {
        return holes[y * width + x];
    }

    public int holeCount() {
        return holeCount;
    }

    public double holeFraction() {
        return (double) holeCount / holes.length;
    }

    public boolean isEmpty() {
        return holeCount == 0;
    }

    public boolean isFull() {
        return holeCount == holes.length;
    }

    /** The inverse mask: holes become valid and valid pixels holes. */
    public InpaintMask inverted() {
        boolean[] inverse = new boolean[holes.length];
        for (int i = 0; i < holes.length; i++) {
            inverse[i] = !holes[i];
        }
        return new InpaintMask(width, height, inverse);
    }

    /** The sub-mask at (x, y) of the given size. */
    public InpaintMask crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " outside " + width + "x"
                    + height);
        }
        boolean[] part = new boolean[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(holes, (y + row) * width + x, part, row * w, w);
        }
        return new InpaintMask(w, h, part);
    }

    /**
     * This mask at a frame's size: unchanged when the sizes agree, nearest-neighbour rescaled when only the scale
     * differs (same aspect ratio), otherwise an error: stretching a privacy zone would uncover what it hides.
     */
    public InpaintMask fittedTo(int frameWidth, int frameHeight) {
        if (frameWidth == width && frameHeight == height) {
            return this;
        }
        double maskAspect = (double) width / height;
        double frameAspect = (double) frameWidth / frameHeight;
        if (Math.abs(maskAspect / frameAspect - 1) > ASPECT_TOLERANCE) {
            throw new InpaintInputException("mask is " + width + "x" + height + " but the frame is " + frameWidth
                    + "x" + frameHeight + ": different aspect ratio, cannot rescale");
        }
        boolean[] scaled = new boolean[frameWidth * frameHeight];
        for (int y = 0; y < frameHeight; y++) {
            int sy = Math.min(height - 1, (int) ((long) y * height / frameHeight));
            for (int x = 0; x < frameWidth; x++) {
                int sx = Math.min(width - 1, (int) ((long) x * width / frameWidth));
                scaled[y * frameWidth + x] = holes[sy * width + sx];
            }
        }
        return new InpaintMask(frameWidth, frameHeight, scaled);
    }

    /** Holes of either mask; both must have the same size. */
    public InpaintMask union(InpaintMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot join a " + other.width + "x" + other.height + " mask with a "
                    + width + "x" + height + " one");
        }
        boolean[] joined = new boolean[holes.length];
        for (int i = 0; i < holes.length; i++) {
            joined[i] = holes[i] || other.holes[i];
        }
        return new InpaintMask(width, height, joined);
    }

    /** White holes on black, the on-disk convention. */
    public BufferedImage toImage() {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.getRaster().setSample(x, y, 0, holes[y * width + x] ? 255 : 0);
            }
        }
        return picture;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InpaintMask m && m.width == width && m.height == height && Arrays.equals(m.holes, holes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(holes);
    }
}
