package dev.visionstream.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How {@link FrameSources#open} sets up a source.
 *
 * @param start           capture time of the first frame of a video or paced folder; null means "when opened"
 * @param folderFrameRate frames per second of an image folder that is a recording; empty stamps folder frames with
 *                        their file times. Videos always use their container's rate
 * @param jpegQuality     quality of frames that have to be (re-)encoded
 * @param maxWidth        frames that have to be encoded are scaled down to this width
 *                        ({@link FrameEncoder#NO_MAX_WIDTH}: never)
 */
public record SourceOptions(Instant start, OptionalDouble folderFrameRate, float jpegQuality, int maxWidth) {

    public SourceOptions {
        Objects.requireNonNull(folderFrameRate, "folderFrameRate");
    }

    public static SourceOptions defaults() {
        return new SourceOptions(null, OptionalDouble.empty(), FrameEncoder.DEFAULT_QUALITY, FrameEncoder.NO_MAX_WIDTH);
    }

    public SourceOptions withStart(Instant start) {
        return new SourceOptions(start, folderFrameRate, jpegQuality, maxWidth);
    }

    public SourceOptions withFolderFrameRate(double fps) {
        return new SourceOptions(start, OptionalDouble.of(fps), jpegQuality, maxWidth);
    }

    public SourceOptions withJpeg(float quality, int maxWidth) {
        return new SourceOptions(start, folderFrameRate, quality, maxWidth);
    }

    /** A new encoder per source, because encoders are not thread-safe. */
    FrameEncoder newEncoder() {
        return new FrameEncoder(jpegQuality, maxWidth);
    }

    Instant startOrNow() {
        return start == null ? Instant.now() : start;
    }
}
