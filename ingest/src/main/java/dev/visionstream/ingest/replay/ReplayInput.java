package dev.visionstream.ingest.replay;

import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.VideoFileSource;
import dev.visionstream.ingest.recording.RecordingReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** What a {@link Replayer} reads: the frames of a recording (any number of cameras) or of one video or folder. */
public interface ReplayInput extends AutoCloseable {

    /** The next frame, with its recorded capture time; empty at the end. */
    Optional<Frame> next() throws IOException;

    /** How many frames there are, when known (for the progress bar). */
    OptionalLong totalFrames();

    @Override
    void close() throws IOException;

    /**
     * A recording folder, else a video file or image folder as camera {@code cameraId} (frames of a video are
     * stamped from {@code options.start()}, so a fixed start replays to the same timestamps every time).
     */
    static ReplayInput open(Path path, String cameraId, SourceOptions options) throws IOException {
        if (RecordingReader.isRecording(path)) {
            RecordingReader reader = RecordingReader.open(path);
            return new ReplayInput() {
                @Override
                public Optional<Frame> next() throws IOException {
                    return reader.next().map(f -> f.toFrame(0, 0));
                }

                @Override
                public OptionalLong totalFrames() {
                    return OptionalLong.of(reader.totalFrames());
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }
        FrameSource source = FrameSources.open(path, cameraId, options);
        return new ReplayInput() {
            @Override
            public Optional<Frame> next() throws IOException {
                return source.next();
            }

            @Override
            public OptionalLong totalFrames() {
                return source instanceof VideoFileSource video && video.declaredFrameCount() > 0
                        ? OptionalLong.of(video.declaredFrameCount()) : OptionalLong.empty();
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }
}
