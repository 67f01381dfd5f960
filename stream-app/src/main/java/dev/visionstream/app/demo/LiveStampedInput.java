package dev.visionstream.app.demo;

import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.schemas.CaptureTimeSource;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A recording replayed as a live camera: each frame is stamped by the host clock as it is read. The demo replays
 * the walkway video faster than it was recorded, so its container times counted from now would run ahead of the
 * clock (Kafka warns about segments with future timestamps), and counted back from now would make the
 * capture-to-event latency the demo prints the age of the recording.
 */
final class LiveStampedInput implements ReplayInput {
    private final ReplayInput recorded;

    LiveStampedInput(ReplayInput recorded) {
        this.recorded = recorded;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        return recorded.next().map(f -> new Frame(f.cameraId(), f.sequence(), Instant.now(), CaptureTimeSource.HOST,
                f.width(), f.height(), f.contentType(), f.bytes()));
    }

    @Override
    public OptionalLong totalFrames() {
        return recorded.totalFrames();
    }

    @Override
    public void close() throws IOException {
        recorded.close();
    }
}
