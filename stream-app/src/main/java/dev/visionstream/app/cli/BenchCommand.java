package dev.visionstream.app.cli;

import dev.visionstream.app.bench.PipelineBenchmark;
import dev.visionstream.app.bench.ScratchDir;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures.",
        subcommands = {BenchCommand.Pipeline.class, IngestBench.class, SoakBench.class, ScaleBench.class,
                CountBenchCommand.class, BenchSplatCommand.class, InpaintBenchCommand.class, PoseBenchCommand.class})
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
        @Mixin
        BenchVideo video;

        @Option(names = "--paced-frames", defaultValue = "500", description = "Frames in the paced latency run (default: ${DEFAULT-VALUE}).")
        int pacedFrames;

        @Option(names = "--fps", defaultValue = "25", description = "Rate of the paced latency run (default: ${DEFAULT-VALUE}).")
        double fps;

        @Override
        public Integer call() throws Exception {
            Optional<Path> input = video.resolve("pipeline");
            if (input.isEmpty()) {
                return 2;
            }
            try (ScratchDir work = new ScratchDir("vision-bench")) {
                new PipelineBenchmark(input.get(), work.path(), System.out).run(pacedFrames, fps);
            }
            return 0;
        }
    }
}
