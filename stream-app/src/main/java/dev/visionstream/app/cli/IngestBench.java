package dev.visionstream.app.cli;

import dev.visionstream.app.bench.IngestBenchmark;
import dev.visionstream.app.runtime.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision bench ingest}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Frames/s per camera of decode + encode + produce at 768x576 (vtest.avi), how many 10 fps "
                + "cameras one core sustains, and receive-to-produce latency p50/p99 of a live camera."})
final class IngestBench implements Callable<Integer> {
    @Option(names = "--video", paramLabel = "FILE", description = "Video to use (default: the fetched vtest.avi).")
    Path video;

    @Option(names = "--frames", defaultValue = "500", description = "Frames in the throughput run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--live-seconds", defaultValue = "10", description = "Length of the live latency run (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Override
    public Integer call() throws Exception {
        Path input = video != null ? video : SampleMedia.vtest(true).orElse(null);
        if (input == null || !Files.isRegularFile(input)) {
            System.err.println("bench ingest: no video (pass --video FILE or run scripts/fetch-test-assets.sh)");
            return 2;
        }
        Path workDir = Files.createTempDirectory("vision-bench-ingest");
        try {
            new IngestBenchmark(input, workDir, System.out).run(frames, Duration.ofSeconds(liveSeconds));
        } finally {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
