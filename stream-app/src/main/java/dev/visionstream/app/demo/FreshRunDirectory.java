package dev.visionstream.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one demo run under the work dir: broker data, stream state and artifacts. It is emptied when
 * opened and removed when closed, so that no run starts with an earlier run's topics, offsets or state stores
 * (which replayed as a stall of the previous run's last frame and a resolution change on the first frame).
 * A run killed before it closes leaves it behind; the next run empties it.
 */
public final class FreshRunDirectory implements AutoCloseable {
    static final String NAME = "demo-run";

    private final Path path;

    private FreshRunDirectory(Path path) {
        this.path = path;
    }

    /** An empty {@value #NAME} directory under {@code workDir}; two demos at once need two work dirs. */
    public static FreshRunDirectory under(Path workDir) throws IOException {
        Path path = workDir.resolve(NAME).toAbsolutePath().normalize();
        delete(path);
        Files.createDirectories(path);
        return new FreshRunDirectory(path);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        delete(path);
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> tree = Files.walk(root)) {
            deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }
}
