package dev.visionstream.ingest;

import java.util.Objects;

/** Encoded image bytes together with the facts a consumer needs without decoding them. */
public record EncodedImage(byte[] bytes, String contentType, int width, int height) {

    public EncodedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public String toString() {
        return "EncodedImage[" + contentType + " " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
