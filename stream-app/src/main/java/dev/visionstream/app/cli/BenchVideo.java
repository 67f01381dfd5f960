package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The video a benchmark runs on: the one given, or the fetched vtest.avi; says what to do when there is none. */
final class BenchVideo {
    private BenchVideo() {
    }

    static Optional<Path> resolve(Path given, String bench) {
        Path input = given != null ? given : SampleMedia.vtest(true).orElse(null);
        if (input == null || !Files.isRegularFile(input)) {
            System.err.println("bench " + bench + ": no video (pass --video FILE or run scripts/fetch-test-assets.sh)");
            return Optional.empty();
        }
        return Optional.of(input);
    }
}
