package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.CountingBenchmark;
import dev.visionstream.app.cli.DeviceOption;
import dev.visionstream.app.runtime.ModelStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench count}. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"CountingDINO on 640x480 frames: frames/s in a plain loop at batch 1 and 8, through the Kafka "
                + "pipeline, their ratio, and the time split backbone / similarity / post-processing."})
final class BenchCountCommand implements Callable<Integer> {
    @Option(names = "--frames", defaultValue = "24", description = "Frames per measurement (default: "
            + "${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--backbone", defaultValue = "default", paramLabel = "default|PATH",
            description = "Backbone: the built-in one, or a DINOv2/DINO TorchScript or ONNX export as for "
                    + "'vision count' (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--detector", paramLabel = "DIR", description = "Count with the pretrained detector's features "
            + "too, as 'vision count --detector' does (default: without).")
    Path detector;

    @Option(names = "--warmup", defaultValue = "96", description = "Warm-up frames at each batch size; fewer than "
            + "about a hundred leave the first timed loop slower (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--skip-pipeline", description = "Time the plain loop only, not the Kafka pipeline.")
    boolean skipPipeline;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Path workDir = Files.createTempDirectory("vision-bench-count");
        try {
            new CountingBenchmark(workDir, System.out).run(frames, backbone, detector,
                    device.resolve(ModelStage.COUNTING), !skipPipeline, Math.max(1, warmup));
        } finally {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
