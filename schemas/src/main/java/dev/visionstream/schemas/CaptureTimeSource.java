package dev.visionstream.schemas;

/** Which clock stamped a frame's capture time; carried in {@link FrameHeaders#CAPTURE_TIME_SOURCE}. */
public enum CaptureTimeSource {
    /** RTCP sender-report NTP time of an RTSP stream. */
    RTCP_NTP,
    /** Container or stream timestamps, anchored at the start of the source. */
    CONTAINER,
    /** File modification time (image folders). */
    FILE_TIME,
    /** Wall clock of the ingesting host when the frame was received. */
    HOST;

    public String headerValue() {
        return name().toLowerCase().replace('_', '-');
    }

    public static CaptureTimeSource fromHeader(String value) {
        return valueOf(value.trim().toUpperCase().replace('-', '_'));
    }
}
