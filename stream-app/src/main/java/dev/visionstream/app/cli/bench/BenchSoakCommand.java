package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.ScratchDir;
import dev.visionstream.app.bench.SoakBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench soak}: a long paced replay that samples memory every minute. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Replay the sample video paced at --fps through the embedded pipeline for --minutes, printing "
                + "heap after GC, direct buffers, JavaCPP native bytes and RSS once a minute.")
final class BenchSoakCommand implements Callable<Integer> {
    @Mixin
    BenchVideo video;

    @Option(names = "--minutes", defaultValue = "30", description = "Duration (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--fps", defaultValue = "25", description = "Replay rate (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--stages", split = ",", defaultValue = "camera-health",
            description = "Stages to load (default: ${DEFAULT-VALUE}): camera-health, counting and inpainting run on "
                    + "the video camera (with exemplar boxes and a stored mask); splatting adds a two-camera rig fed "
                    + "captures (--rig-period-ms); pose adds one looped CMU 01_01 track (--pose-period-ms).")
    List<String> stages;

    @Option(names = "--rig-period-ms", defaultValue = "2000",
            description = "With splatting: one rig capture per this many ms (default: ${DEFAULT-VALUE}).")
    long rigPeriodMs;

    @Option(names = "--pose-period-ms", defaultValue = "100",
            description = "With pose: one keypoint frame per this many ms (default: ${DEFAULT-VALUE}).")
    long posePeriodMs;

    @Override
    public Integer call() throws Exception {
        Path input = video.resolve();
        try (ScratchDir work = new ScratchDir("vision-bench-soak")) {
            new SoakBenchmark(input, work.path(), System.out).run(Duration.ofMinutes(minutes), fps, stages,
                    rigPeriodMs, posePeriodMs);
        }
        return 0;
    }
}
