package dev.visionstream.models.image;

import java.util.Optional;

/**
 * The width and height an encoded JPEG or PNG declares in its header, read without any decoder, so a size limit
 * can be enforced before a codec sees the data.
 */
public record DeclaredSize(long width, long height) {

    public long pixels() {
        return width * height;
    }

    /** The declared size, or empty when the bytes are neither a PNG with an IHDR nor a JPEG with a frame header. */
    public static Optional<DeclaredSize> of(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
            return Optional.of(new DeclaredSize(u32(b, 16), u32(b, 20)));
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return jpeg(b);
        }
        return Optional.empty();
    }

    /** Walks the marker segments up to the first start-of-frame (any SOFn except DHT, JPG and DAC). */
    private static Optional<DeclaredSize> jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                i++;
                continue;
            }
            int length = u16(b, i + 2);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                    && marker != 0xcc;
            if (startOfFrame) {
                return i + 9 <= b.length ? Optional.of(new DeclaredSize(u16(b, i + 7), u16(b, i + 5)))
                        : Optional.empty();
            }
            if (marker == 0xda || marker == 0xd9 || length < 2) { // scan data or end before any frame header
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }
}
