package dev.visionstream.ingest;

import dev.visionstream.schemas.CaptureTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A fake source of tiny frames at a fixed rate that counts how often it was read and whether it was closed. */
final class ListFrameSource implements FrameSource {
    private final List<Frame> frames = new ArrayList<>();
    private final OptionalDouble frameRate;
    int reads;
    boolean closed;

    ListFrameSource(int count, OptionalDouble frameRate, Instant start) {
        this.frameRate = frameRate;
        double fps = frameRate.orElse(1.0);
        for (int i = 0; i < count; i++) {
            Instant t = start.plus(Duration.ofNanos(Math.round(i * 1e9 / fps)));
            frames.add(new Frame("cam-l", i, t, CaptureTimeSource.CONTAINER, 2, 2, ImageContentTypes.JPEG,
                    new byte[] {(byte) i}));
        }
    }

    @Override
    public String cameraId() {
        return "cam-l";
    }

    @Override
    public Optional<Frame> next() {
        reads++;
        return reads <= frames.size() ? Optional.of(frames.get(reads - 1)) : Optional.empty();
    }

    @Override
    public OptionalDouble frameRate() {
        return frameRate;
    }

    @Override
    public void close() {
        closed = true;
    }
}
