package dev.visionstream.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the right {@link FrameSource} for a path: a folder of images or a video file. */
public final class FrameSources {
    private FrameSources() {
    }

    /** {@link #open(Path, String, SourceOptions)} with {@link SourceOptions#defaults()}. */
    public static FrameSource open(Path path, String cameraId) throws IOException {
        return open(path, cameraId, SourceOptions.defaults());
    }

    /**
     * An {@link ImageFolderSource} when {@code path} is a directory, otherwise a {@link VideoFileSource} (any
     * container FFmpeg reads; the file's content decides, not its extension).
     *
     * @throws NoSuchFileException when nothing exists at {@code path}
     */
    public static FrameSource open(Path path, String cameraId, SourceOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            return new ImageFolderSource(path, cameraId, options.folderFrameRate(),
                    options.folderFrameRate().isPresent() ? options.startOrNow() : null, options.newEncoder());
        }
        if (Files.isRegularFile(path)) {
            return new VideoFileSource(path, cameraId, options.startOrNow(), options.newEncoder());
        }
        throw new NoSuchFileException(path.toString(), null, "no image folder or video file there");
    }
}
