package dev.visionstream.ingest;

import dev.visionstream.schemas.CaptureTimeSource;
import java.time.Instant;
import java.util.Objects;

/**
 * One encoded frame of a camera, as it is produced to Kafka.
 *
 * <p>{@code bytes} is the encoded image (JPEG or PNG, see {@code contentType}); it is not copied, so callers must not
 * change the array after building the frame.
 *
 * @param sequence          position of the frame in its source, from 0, without gaps
 * @param captureTime       when the frame was captured, according to {@code captureTimeSource}
 * @param width             pixel width of the encoded image
 * @param height            pixel height of the encoded image
 */
public record Frame(String cameraId, long sequence, Instant captureTime, CaptureTimeSource captureTimeSource,
                    int width, int height, String contentType, byte[] bytes) {

    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(captureTimeSource, "captureTimeSource");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId must not be blank");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
    }

    /** A frame built from an encoded image with its size and content type. */
    public static Frame of(String cameraId, long sequence, Instant captureTime, CaptureTimeSource captureTimeSource,
                           EncodedImage image) {
        return new Frame(cameraId, sequence, captureTime, captureTimeSource, image.width(), image.height(),
                image.contentType(), image.bytes());
    }

    /** Printed without the bytes, which would flood logs. */
    @Override
    public String toString() {
        return "Frame[" + cameraId + " #" + sequence + " " + captureTime + " (" + captureTimeSource.headerValue()
                + ") " + width + "x" + height + " " + contentType + ", " + bytes.length + " bytes]";
    }
}
