package dev.visionstream.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names carried by frame records, and typed access to them. Transport facts live here so that the
 * record value stays the encoded image itself.
 */
public final class FrameHeaders {
    public static final String CONTENT_TYPE = "content-type";
    public static final String SEQUENCE = "vision.sequence";
    public static final String WIDTH = "vision.width";
    public static final String HEIGHT = "vision.height";
    /** Where the capture time came from: see {@link CaptureTimeSource}. */
    public static final String CAPTURE_TIME_SOURCE = "vision.capture-time-source";
    public static final String TRACE_ID = "vision.trace-id";
    /** Claim-check: the artifact-store URI that holds the frame bytes when the record value is empty. */
    public static final String CLAIM_CHECK = "vision.claim-check";
    /** Hex SHA-256 of the claimed bytes, verified before use. */
    public static final String CLAIM_CHECK_SHA256 = "vision.claim-check-sha256";
    /**
     * Per-frame exemplar boxes for counting, overriding the camera's: JSON
     * {@code [{"x":..,"y":..,"width":..,"height":..}]} in source pixels.
     */
    public static final String EXEMPLARS = "vision.exemplars";
    /**
     * Per-frame inpainting mask, replacing the camera's {@code maskUri}: an artifact-store reference only
     * ({@code artifact://sha256/<hex>.png}, or {@code artifact://named/<name>} with {@link #INPAINT_MASK_SHA256});
     * file paths are for the operator's camera config, never for records.
     */
    public static final String INPAINT_MASK = "vision.inpaint-mask";
    /** Hex SHA-256 of a named per-frame mask artifact. */
    public static final String INPAINT_MASK_SHA256 = "vision.inpaint-mask-sha256";

    private FrameHeaders() {
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void put(Headers headers, String name, long value) {
        put(headers, name, Long.toString(value));
    }

    public static Optional<String> string(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** A numeric header, empty when absent or not a number. */
    public static OptionalLong number(Headers headers, String name) {
        Optional<String> s = string(headers, name);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
