package dev.visionstream.models.image;

/** A frame that cannot become an image, with a reason the caller can map to an error code. */
public final class ImageDecodeException extends Exception {
    public enum Reason { EMPTY, TOO_MANY_BYTES, UNSUPPORTED_FORMAT, PIXEL_LIMIT_EXCEEDED, CORRUPT }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
