package dev.visionstream.app.cli.bench;

import dev.visionstream.app.runtime.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --video} option of the benchmarks: the video given, or the fetched vtest.avi; says what to do when
 * there is none.
 */
final class BenchVideo {
    @Option(names = "--video", paramLabel = "FILE", description = "Video to use (default: the fetched vtest.avi).")
    Path video;

    Optional<Path> resolve(String bench) {
        Path input = video != null ? video : SampleMedia.vtest(true).orElse(null);
        if (input == null || !Files.isRegularFile(input)) {
            System.err.println("bench " + bench + ": no video (pass --video FILE or run scripts/fetch-test-assets.sh)");
            return Optional.empty();
        }
        return Optional.of(input);
    }
}
