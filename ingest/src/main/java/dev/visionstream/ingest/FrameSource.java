package dev.visionstream.ingest;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;

/** Frames of one camera or recording, pulled one at a time. Not thread-safe. */
public interface FrameSource extends AutoCloseable {

    /** The camera id every frame of this source carries. */
    String cameraId();

    /** The next frame, or empty once the source is exhausted (and on every call after that). */
    Optional<Frame> next() throws IOException;

    /** Nominal frames per second when the source knows it; used to pace replays. */
    OptionalDouble frameRate();

    @Override
    void close() throws IOException;
}
