package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.SplatBenchmark;
import dev.visionstream.app.bench.SplatNetworkBenchmark;
import dev.visionstream.app.cli.BadInputException;
import dev.visionstream.app.cli.DeviceOption;
import dev.visionstream.app.runtime.ModelStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench splat}. */
@Command(name = "splat", mixinStandardHelpOptions = true,
        description = {"CPU render ms at 518x280 for 100k and 1M Gaussians, and the post-processing of 100 views at "
                + "280x518 (14.5M Gaussians: activations, pose SVD, local->global, pruning, .ply) against the paper's "
                + "whole-model 2.69 s on a GH200. Needs about 3 GB of heap (VISION_JAVA_OPTS=-Xmx4g).",
                "With --model, first the scenes per second of that YoNoSplat export on --device."})
final class BenchSplatCommand implements Callable<Integer> {
    @Option(names = "--views", defaultValue = "100", description = "Views of the post-processing run (default: "
            + "${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed render runs per size (default: "
            + "${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--model", paramLabel = "PATH", description = "A YoNoSplat export (TorchScript .pt or ONNX) to "
            + "time on --device.")
    Path model;

    @Option(names = "--model-size", defaultValue = "224x224", paramLabel = "HxW",
            description = "The export's input size (default: ${DEFAULT-VALUE}).")
    String modelSize;

    @Option(names = "--model-without-intrinsics", description = "The export has no intrinsics input.")
    boolean modelWithoutIntrinsics;

    @Option(names = "--scenes", defaultValue = "10", description = "Timed scenes of the --model run (default: "
            + "${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--model-only", description = "Time the --model export only: no render or post-processing.")
    boolean modelOnly;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (model != null) {
            if (!Files.isRegularFile(model)) {
                throw new BadInputException("--model " + model, "no such file");
            }
            String[] size = modelSize.toLowerCase(Locale.ROOT).split("x");
            int height;
            int width;
            try {
                height = Integer.parseInt(size[0].trim());
                width = Integer.parseInt(size[size.length - 1].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("--model-size " + modelSize, "must be HxW in pixels, e.g. 224x224", e);
            }
            new SplatNetworkBenchmark(System.out).run(model, height, width, !modelWithoutIntrinsics,
                    device.resolve(ModelStage.SPLATTING), Math.max(1, scenes));
        } else if (modelOnly) {
            throw new BadInputException("--model-only", "needs --model");
        }
        if (modelOnly) {
            return 0;
        }
        Path dir = Files.createTempDirectory("vision-bench-splat");
        try {
            new SplatBenchmark(System.out, dir).run(views, repeats);
        } finally {
            Files.deleteIfExists(dir);
        }
        return 0;
    }
}
