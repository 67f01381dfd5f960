package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.ScaleBenchmark;
import dev.visionstream.app.bench.ScratchDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench scale}: one instance against two with the same application id. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Throughput of one service instance against two sharing an application id, over 8 cameras on "
                + "an 8-partition frames topic.")
final class BenchScaleCommand implements Callable<Integer> {
    @Mixin
    BenchVideo video;

    @Option(names = "--frames", defaultValue = "100", description = "Frames per camera (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        Path input = video.resolve();
        try (ScratchDir work = new ScratchDir("vision-bench-scale")) {
            new ScaleBenchmark(input, work.path(), System.out).run(frames);
        }
        return 0;
    }
}
