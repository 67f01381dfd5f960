package dev.visionstream.ingest;

import dev.visionstream.schemas.CaptureTimeSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The video frames of a file decoded with FFmpeg (JavaCV), each re-encoded as JPEG.
 *
 * <p>Capture time is {@code anchor + the frame's container timestamp} ({@link CaptureTimeSource#CONTAINER}): a file
 * has no wall-clock time of its own, and anchoring a replay at a fixed instant makes it give the same event times
 * every run. Audio is ignored. The decoder holds native memory until {@link #close()}.
 */
public final class VideoFileSource implements FrameSource {
    private final String cameraId;
    private final Instant anchor;
    private final FrameEncoder encoder;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final OptionalDouble frameRate;
    private long nextSequence;
    private boolean ended;

    /** Frames anchored at the current time, encoded at the default quality. */
    public VideoFileSource(Path file, String cameraId) throws IOException {
        this(file, cameraId, Instant.now(), new FrameEncoder());
    }

    /**
     * Opens {@code file} and reads its stream information.
     *
     * @param anchor capture time of the container's time zero
     */
    public VideoFileSource(Path file, String cameraId, Instant anchor, FrameEncoder encoder) throws IOException {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (!Files.isRegularFile(file)) {
            converter.close();
            throw new NoSuchFileException(file.toString());
        }
        this.grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            IOException failure = new IOException("cannot open video " + file + ": " + e.getMessage(), e);
            try {
                close();
            } catch (IOException | RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        double rate = grabber.getFrameRate();
        this.frameRate = rate > 0 && Double.isFinite(rate) ? OptionalDouble.of(rate) : OptionalDouble.empty();
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        var decoded = grab();
        if (decoded == null || decoded.image == null) {
            ended = true;
            return Optional.empty();
        }
        // the converter reuses one BufferedImage across calls, which is fine: it is encoded before the next grab
        BufferedImage image = converter.convert(decoded);
        EncodedImage jpeg = encoder.encode(image);
        Instant captureTime = anchor.plus(decoded.timestamp, ChronoUnit.MICROS);
        return Optional.of(Frame.of(cameraId, nextSequence++, captureTime, CaptureTimeSource.CONTAINER, jpeg));
    }

    private org.bytedeco.javacv.Frame grab() throws IOException { // name clash with this package's Frame
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("decoding frame " + nextSequence + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalDouble frameRate() {
        return frameRate;
    }

    /** Number of video frames the container declares; an estimate for formats without an index. */
    public int declaredFrameCount() {
        return grabber.getLengthInFrames();
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("closing the video decoder failed: " + e.getMessage(), e);
        } finally {
            converter.close();
        }
    }
}
