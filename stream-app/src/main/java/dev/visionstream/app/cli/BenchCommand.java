package dev.visionstream.app.cli;

import dev.visionstream.app.bench.PipelineBenchmark;
import dev.visionstream.app.runtime.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures.",
        subcommands = {BenchCommand.Pipeline.class, PoseBenchCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = {"Frames/s of decode + health in a plain loop versus through producer, embedded broker, "
                    + "Kafka Streams (exactly-once) and a read_committed consumer; their ratio; and capture-to-event "
                    + "latency p50/p95/p99 of a replay paced at --fps."})
    static final class Pipeline implements Callable<Integer> {
        @Option(names = "--video", paramLabel = "FILE", description = "Video to use (default: the fetched vtest.avi).")
        Path video;

        @Option(names = "--paced-frames", defaultValue = "500", description = "Frames in the paced latency run (default: ${DEFAULT-VALUE}).")
        int pacedFrames;

        @Option(names = "--fps", defaultValue = "25", description = "Rate of the paced latency run (default: ${DEFAULT-VALUE}).")
        double fps;

        @Override
        public Integer call() throws Exception {
            Path input = video != null ? video : SampleMedia.vtest(true).orElse(null);
            if (input == null || !Files.isRegularFile(input)) {
                System.err.println("bench pipeline: no video (pass --video FILE or run scripts/fetch-test-assets.sh)");
                return 2;
            }
            Path workDir = Files.createTempDirectory("vision-bench");
            try {
                new PipelineBenchmark(input, workDir, System.out).run(pacedFrames, fps);
            } finally {
                try (Stream<Path> paths = Files.walk(workDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return 0;
        }
    }
}
