package dev.visionstream.ingest.live;

import dev.visionstream.schemas.CameraSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avutil;
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

    /** JavaCV's hints about its own API, which mean nothing to someone reading an error event. */
    private static final Pattern JAVACV_HINTS = Pattern.compile(
            "\\s*\\((Has setFormat\\(\\) been called\\?|For more details, make sure FFmpegLogCallback[^)]*)\\)");
    private static final Pattern FFMPEG_ERROR = Pattern.compile("error (-\\d+)");

    private static volatile String deviceSupportProblem;
    private static volatile boolean devicesRegistered;

    private SourceGrabbers() {
    }

    /**
     * Device inputs (video4linux2) exist only once libavdevice has registered them. JavaCV's libavdevice links
     * against PulseAudio's client library, so on a host without {@code libpulse.so.0} devices cannot be opened;
     * that is reported as the reason instead of an {@link UnsatisfiedLinkError} from deep inside a camera thread.
     */
    private static synchronized void registerDevices() throws IOException {
        if (!devicesRegistered && deviceSupportProblem == null) {
            try {
                avdevice.avdevice_register_all();
                devicesRegistered = true;
            } catch (LinkageError e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                deviceSupportProblem = "FFmpeg's device library cannot be loaded (" + root.getMessage()
                        + "); on Debian/Ubuntu install libpulse0";
            }
        }
        if (deviceSupportProblem != null) {
            throw new IOException(deviceSupportProblem);
        }
    }

    /** The device file of a {@link Kind#DEVICE} url. */
    public static Path devicePath(String url) {
        return Path.of(url.startsWith(V4L2) ? url.substring(V4L2.length()) : url);
    }

    /**
     * A started grabber that delivers video.
     *
     * @throws Exception with a message fit for an error event when the source cannot be opened or has no video
     */
    public static FFmpegFrameGrabber start(CameraSource source, Duration ioTimeout) throws Exception {
        if (kindOf(source.url()) == Kind.DEVICE && !Files.exists(devicePath(source.url()))) {
            throw new FileNotFoundException("no such device: " + devicePath(source.url()));
        }
        if (kindOf(source.url()) == Kind.DEVICE) {
            registerDevices();
        }
        FFmpegFrameGrabber grabber = create(source, ioTimeout);
        try {
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new IOException("no video stream in " + source.url() + " (format "
                        + grabber.getFormat() + ")");
            }
            return grabber;
        } catch (Exception | LinkageError e) {
            try {
                grabber.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
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
                grabber = new FFmpegFrameGrabber(devicePath(url).toString());
                grabber.setFormat("video4linux2");
            }
            default -> grabber = new FFmpegFrameGrabber(url);
        }
        return grabber;
    }

    /**
     * One line for an error event: FFmpeg's message names the call that failed, its error code is spelled out
     * (e.g. "Connection refused"), and causes follow.
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = JAVACV_HINTS.matcher(String.valueOf(c.getMessage())).replaceAll("");
            text.append(text.length() == 0 ? "" : ": ").append(message);
            Matcher code = FFMPEG_ERROR.matcher(message);
            if (code.find()) {
                text.append(" (").append(errorText(Integer.parseInt(code.group(1)))).append(')');
            }
        }
        return text.toString();
    }

    private static String errorText(int code) {
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }
}
