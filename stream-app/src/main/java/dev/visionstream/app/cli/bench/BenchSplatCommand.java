package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.SplatBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision bench splat}. */
@Command(name = "splat", mixinStandardHelpOptions = true,
        description = {"CPU render ms at 518x280 for 100k and 1M Gaussians, and the post-processing of 100 views at "
                + "280x518 (14.5M Gaussians: activations, pose SVD, local->global, pruning, .ply) against the paper's "
                + "whole-model 2.69 s on a GH200. Needs about 3 GB of heap (VISION_JAVA_OPTS=-Xmx4g)."})
final class BenchSplatCommand implements Callable<Integer> {
    @Option(names = "--views", defaultValue = "100", description = "Views of the post-processing run (default: "
            + "${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed render runs per size (default: "
            + "${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("vision-bench-splat");
        try {
            new SplatBenchmark(System.out, dir).run(views, repeats);
        } finally {
            Files.deleteIfExists(dir);
        }
        return 0;
    }
}
