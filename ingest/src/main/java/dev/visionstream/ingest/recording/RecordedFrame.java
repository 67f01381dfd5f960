package dev.visionstream.ingest.recording;

import dev.visionstream.ingest.Frame;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.FrameHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One record of {@code vision.frames} as a recording keeps it: key (camera id), timestamp (capture time), every
 * header, and the image bytes (claim-checked frames are stored with their bytes, so a recording needs no artifact
 * store to replay).
 */
public record RecordedFrame(String cameraId, long timestampMs, List<Header> headers, byte[] value) {

    /** A header as it was on the record. */
    public record Header(String name, byte[] value) {
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    public RecordedFrame {
        Objects.requireNonNull(cameraId, "cameraId");
        headers = List.copyOf(headers);
        Objects.requireNonNull(value, "value");
    }

    /** The last header called {@code name}, or null. */
    public String header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equals(name)) {
                return headers.get(i).text();
            }
        }
        return null;
    }

    /**
     * The frame to produce again: same key, sequence, size, content type and capture-time source; capture time is
     * the recorded timestamp moved by {@code shiftMs}.
     */
    public Frame toFrame(long shiftMs, long sequenceOffset) {
        String contentType = header(FrameHeaders.CONTENT_TYPE);
        String sequence = header(FrameHeaders.SEQUENCE);
        String width = header(FrameHeaders.WIDTH);
        String height = header(FrameHeaders.HEIGHT);
        String clock = header(FrameHeaders.CAPTURE_TIME_SOURCE);
        if (contentType == null || sequence == null || width == null || height == null) {
            throw new IllegalArgumentException("recorded frame of " + cameraId + " at " + timestampMs
                    + " lacks frame headers");
        }
        return new Frame(cameraId, Long.parseLong(sequence.trim()) + sequenceOffset,
                Instant.ofEpochMilli(timestampMs + shiftMs),
                clock == null ? CaptureTimeSource.HOST : CaptureTimeSource.fromHeader(clock),
                Integer.parseInt(width.trim()), Integer.parseInt(height.trim()), contentType, value);
    }

    @Override
    public String toString() {
        return "RecordedFrame[" + cameraId + " @" + timestampMs + ", " + headers.size() + " headers, " + value.length
                + " bytes]";
    }
}
