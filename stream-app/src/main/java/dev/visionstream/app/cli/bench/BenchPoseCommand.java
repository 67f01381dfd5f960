package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.PoseBenchmark;
import dev.visionstream.app.cli.DeviceOption;
import dev.visionstream.app.runtime.ModelStage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench pose}. */
@Command(name = "pose", mixinStandardHelpOptions = true,
        description = "Per-frame time of the learned pose solver at batch 1 and 64, of the iterative solver, and of "
                + "the "
                + "stage's default path (network + refinement) chained over a synthetic held-out track; speed ratios.")
final class BenchPoseCommand implements Callable<Integer> {
    @Option(names = "--frames", defaultValue = "500", description = "Learned-solver frames timed (default: "
            + "${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--iterative-frames", defaultValue = "10", description = "Iterative-solver frames timed (default: "
            + "${DEFAULT-VALUE}).")
    int iterativeFrames;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        new PoseBenchmark(System.out).run(frames, iterativeFrames, device.resolve(ModelStage.POSE));
        return 0;
    }
}
