package dev.visionstream.ingest;

import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
import dev.visionstream.schemas.CaptureTimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import javax.imageio.IIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image files of one folder (not its subfolders), in file-name order, as frames.
 *
 * <p>JPEG and PNG files, recognised by their leading bytes whatever their extension, are sent as they are, with the
 * size read from their header. Other formats ImageIO can decode (BMP, GIF, ...) are re-encoded as JPEG. Files that are
 * not images are skipped and do not use up a sequence number, so consumers see no sequence gap.
 *
 * <p>Capture time is the file's modification time ({@link CaptureTimeSource#FILE_TIME}), or, when the folder is a
 * recording with a known frame rate, {@code start + sequence / fps} ({@link CaptureTimeSource#CONTAINER}).
 */
public final class ImageFolderSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);

    private final String cameraId;
    private final List<Path> files;
    private final OptionalDouble frameRate;
    private final Instant start;
    private final FrameEncoder encoder;
    private final BoundedImageDecoder decoder = new BoundedImageDecoder();
    private int nextFile;
    private long nextSequence;

    /** Frames stamped with their files' modification times. */
    public ImageFolderSource(Path folder, String cameraId) throws IOException {
        this(folder, cameraId, OptionalDouble.empty(), null, new FrameEncoder());
    }

    /** Frames of a recording at {@code fps}, the first one captured at {@code start}. */
    public ImageFolderSource(Path folder, String cameraId, double fps, Instant start) throws IOException {
        this(folder, cameraId, OptionalDouble.of(fps), Objects.requireNonNull(start, "start"), new FrameEncoder());
    }

    /**
     * @param frameRate empty for modification-time stamps; otherwise the recording's frames per second
     * @param start     capture time of the first frame when {@code frameRate} is given, ignored otherwise
     * @param encoder   re-encodes images that are neither JPEG nor PNG
     */
    public ImageFolderSource(Path folder, String cameraId, OptionalDouble frameRate, Instant start,
                             FrameEncoder encoder) throws IOException {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.frameRate = Objects.requireNonNull(frameRate, "frameRate");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (frameRate.isPresent()) {
            if (!(frameRate.getAsDouble() > 0) || Double.isInfinite(frameRate.getAsDouble())) {
                throw new IllegalArgumentException("frame rate must be positive: " + frameRate.getAsDouble());
            }
            this.start = Objects.requireNonNull(start, "start is required with a frame rate");
        } else {
            this.start = null;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            this.files = entries.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        while (nextFile < files.size()) {
            Path file = files.get(nextFile++);
            Optional<EncodedImage> image = readImage(file);
            if (image.isPresent()) {
                long sequence = nextSequence++;
                return Optional.of(Frame.of(cameraId, sequence, captureTime(file, sequence), captureTimeSource(),
                        image.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public OptionalDouble frameRate() {
        return frameRate;
    }

    @Override
    public void close() {
        // files are read whole in next(); nothing stays open
    }

    /** The file as a frame image, or empty (logged) when it is not an image or a broken one. */
    private Optional<EncodedImage> readImage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            Optional<String> contentType = ImageContentTypes.sniff(bytes);
            if (contentType.isPresent()) {
                Optional<ImageDimensions> size = ImageDimensions.read(bytes);
                if (size.isEmpty()) {
                    LOG.warn("skipping {}: {} signature but no reader for it", file, contentType.get());
                    return Optional.empty();
                }
                return Optional.of(new EncodedImage(bytes, contentType.get(), size.get().width(),
                        size.get().height()));
            }
            // other formats (BMP, GIF) are decoded within the frame limits and re-encoded as JPEG
            return Optional.of(encoder.encode(decoder.decode(bytes)));
        } catch (ImageDecodeException e) {
            if (e.reason() == ImageDecodeException.Reason.UNSUPPORTED_FORMAT
                    || e.reason() == ImageDecodeException.Reason.EMPTY) {
                LOG.debug("skipping {}: not an image", file);
            } else {
                LOG.warn("skipping {}: {}", file, e.getMessage());
            }
            return Optional.empty();
        } catch (IIOException e) {
            // one broken file (a camera cut off mid-write) must not end the whole folder
            LOG.warn("skipping {}: broken image: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Instant captureTime(Path file, long sequence) throws IOException {
        if (frameRate.isEmpty()) {
            return Files.getLastModifiedTime(file).toInstant();
        }
        long nanos = Math.round(sequence * 1e9 / frameRate.getAsDouble());
        return start.plus(Duration.ofNanos(nanos));
    }

    private CaptureTimeSource captureTimeSource() {
        return frameRate.isPresent() ? CaptureTimeSource.CONTAINER : CaptureTimeSource.FILE_TIME;
    }
}
