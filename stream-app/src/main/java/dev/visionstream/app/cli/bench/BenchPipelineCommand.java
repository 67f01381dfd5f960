package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.PipelineBenchmark;
import dev.visionstream.app.bench.ScratchDir;
import dev.visionstream.app.cli.BadInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench pipeline}: the cost of the Kafka path over a plain loop, and capture-to-event latency. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Frames/s of decode + health in a plain loop versus through producer, embedded broker, "
                + "Kafka Streams (exactly-once) and a read_committed consumer; their ratio; and capture-to-event "
                + "latency p50/p95/p99 of a replay paced at --fps."})
final class BenchPipelineCommand implements Callable<Integer> {
    @Mixin
    BenchVideo video;

    @Option(names = "--paced-frames", defaultValue = "500", description = "Frames in the paced latency run (default: "
            + "${DEFAULT-VALUE}).")
    int pacedFrames;

    @Option(names = "--fps", defaultValue = "25", description = "Rate of the paced latency run (default: "
            + "${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--console-browsers", defaultValue = "0", paramLabel = "N",
            description = "Serve the web console with N browsers connected while measuring; 0 = no console "
                    + "(default: ${DEFAULT-VALUE}).")
    int consoleBrowsers;

    @Override
    public Integer call() throws Exception {
        if (consoleBrowsers < 0 || consoleBrowsers > 100) {
            throw new BadInputException("--console-browsers " + consoleBrowsers, "must be 0 to 100");
        }
        Path input = video.resolve();
        try (ScratchDir work = new ScratchDir("vision-bench")) {
            new PipelineBenchmark(input, work.path(), System.out).run(pacedFrames, fps, consoleBrowsers);
        }
        return 0;
    }
}
