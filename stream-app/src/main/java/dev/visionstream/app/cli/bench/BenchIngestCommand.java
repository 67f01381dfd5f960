package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.IngestBenchmark;
import dev.visionstream.app.bench.ScratchDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench ingest}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Frames/s per camera of decode + encode + produce at 768x576 (vtest.avi), how many 10 fps "
                + "cameras one core sustains, and receive-to-produce latency p50/p99 of a live camera."})
final class BenchIngestCommand implements Callable<Integer> {
    @Mixin
    BenchVideo video;

    @Option(names = "--frames", defaultValue = "500", description = "Frames in the throughput run (default: "
            + "${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--live-seconds", defaultValue = "10", description = "Length of the live latency run (default: "
            + "${DEFAULT-VALUE}).")
    int liveSeconds;

    @Override
    public Integer call() throws Exception {
        Path input = video.resolve();
        try (ScratchDir work = new ScratchDir("vision-bench-ingest")) {
            new IngestBenchmark(input, work.path(), System.out).run(frames, Duration.ofSeconds(liveSeconds));
        }
        return 0;
    }
}
