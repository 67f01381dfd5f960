package dev.visionstream.ingest;

import java.util.Optional;

/**
 * The content types frames travel as, and recognising them from the leading bytes of a file. Extensions are not
 * trusted: cameras and export tools regularly write PNGs named {@code .jpg} and the reverse.
 */
public final class ImageContentTypes {
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Enough leading bytes for {@link #sniff} to decide. */
    public static final int MAGIC_LENGTH = PNG_MAGIC.length;

    private ImageContentTypes() {
    }

    /** {@link #JPEG} or {@link #PNG} when {@code head} starts with that format's signature, else empty. */
    public static Optional<String> sniff(byte[] head) {
        if (startsWith(head, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
