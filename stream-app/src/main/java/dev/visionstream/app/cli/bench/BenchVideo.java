package dev.visionstream.app.cli.bench;

import dev.visionstream.app.cli.BadInputException;
import dev.visionstream.app.runtime.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --video} option of the benchmarks: the video given, or the fetched vtest.avi; says what to do when
 * there is none.
 */
final class BenchVideo {
    @Option(names = "--video", paramLabel = "FILE", description = "Video to use (default: the fetched vtest.avi).")
    Path video;

    /** The video to use; a {@code BadInputException} when there is none. */
    Path resolve() {
        if (video != null) {
            if (!Files.isRegularFile(video)) {
                throw new BadInputException("--video " + video, "no such file");
            }
            return video;
        }
        return SampleMedia.vtest(true).orElseThrow(() -> new BadInputException("--video",
                "not given and the sample vtest.avi is not fetched (run scripts/fetch-test-assets.sh)"));
    }
}
