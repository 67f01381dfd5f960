package dev.visionstream.ingest.live;

import dev.visionstream.schemas.CameraSource;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Builds the FFmpeg reader for a camera source. Every network read gets a timeout so that a dead peer makes
 * {@code grab()} return an error instead of blocking forever: {@code timeout} (socket I/O, microseconds) for RTSP,
 * whose demuxer reads it, and {@code rw_timeout} for every other protocol (HTTP, TCP).
 */
public final class SourceGrabbers {
    /** Prefix that selects FFmpeg's Video4Linux2 device input, e.g. {@code v4l2:///dev/video0}. */
    public static final String V4L2 = "v4l2://";

    /** How a source is read. */
    public enum Kind {
        RTSP, HTTP, DEVICE, FILE;

        /** Network streams and devices are live: they never end on their own. */
        public boolean isLive() {
            return this != FILE;
        }
    }

    private SourceGrabbers() {
    }

    public static Kind kindOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return Kind.RTSP;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return Kind.HTTP;
        }
        if (lower.startsWith(V4L2) || lower.startsWith("/dev/video")) {
            return Kind.DEVICE;
        }
        return Kind.FILE;
    }

    /** An unstarted grabber for {@code source}, with read timeouts of {@code ioTimeout}. */
    public static FFmpegFrameGrabber create(CameraSource source, Duration ioTimeout) {
        String url = source.url();
        long micros = Math.max(100_000, ioTimeout.toNanos() / 1000);
        Kind kind = kindOf(url);
        FFmpegFrameGrabber grabber;
        switch (kind) {
            case RTSP -> {
                grabber = new FFmpegFrameGrabber(url);
                grabber.setOption("rtsp_transport", source.transport());
                grabber.setOption("timeout", Long.toString(micros));
                // a live stream: hand frames over as they arrive instead of buffering for smoother timing
                grabber.setOption("fflags", "nobuffer");
            }
            case HTTP -> {
                grabber = new FFmpegFrameGrabber(url);
                grabber.setOption("rw_timeout", Long.toString(micros));
                grabber.setOption("fflags", "nobuffer");
            }
            case DEVICE -> {
                grabber = new FFmpegFrameGrabber(url.startsWith(V4L2) ? url.substring(V4L2.length()) : url);
                grabber.setFormat("video4linux2");
            }
            default -> grabber = new FFmpegFrameGrabber(url);
        }
        return grabber;
    }

    /** One line for an error event: FFmpeg's messages name the call that failed, the cause says why. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable c = failure.getCause(); c != null && c != failure; c = c.getCause()) {
            text.append(": ").append(c.getMessage());
        }
        return text.toString();
    }
}
