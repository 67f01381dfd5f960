package dev.visionstream.app.cli;

import dev.visionstream.models.pose.PoseTrainer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision pose train}: trains the learned pose solver on CPU and writes its weights and a training log. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the Learnable SMPLify solver on CPU with DJL (fixed seed, deterministic): synthetic "
                + "smooth motion within joint limits, pairs with gaps {1,3,5,7,9} and random swap.",
                "Writes the weights and a log (the command, settings, evaluation lines) next to each other."})
final class PoseTrainCommand implements Callable<Integer> {
    private static final Path DEFAULT_OUT = Path.of("vision-models/src/main/resources/models/pose/learnable-smplify-mlp.params");

    @Option(names = "--out", paramLabel = "FILE", description = "Weights file (default: the built-in resource, ${DEFAULT-VALUE}).")
    Path out = DEFAULT_OUT;

    @Option(names = "--steps", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps = PoseTrainer.Settings.defaults().steps();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = PoseTrainer.Settings.defaults().seed();

    @Option(names = "--hidden", description = "MLP width (default: ${DEFAULT-VALUE}).")
    int hidden = PoseTrainer.Settings.defaults().hidden();

    @Option(names = "--layers", description = "MLP hidden layers (default: ${DEFAULT-VALUE}).")
    int layers = PoseTrainer.Settings.defaults().layers();

    @Override
    public Integer call() throws Exception {
        PoseTrainer.Settings d = PoseTrainer.Settings.defaults();
        PoseTrainer.Settings settings = new PoseTrainer.Settings(seed, steps, d.batch(), d.learningRate(), hidden,
                layers, d.syntheticClips(), d.clipFrames(), d.evalEvery());
        Path target = out.isAbsolute() ? out : dev.visionstream.app.runtime.SampleMedia.projectRoot().resolve(out);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path log = target.resolveSibling(target.getFileName().toString().replaceFirst("\\.params$", "") + ".log");
        long start = System.nanoTime();
        try (OutputStream weights = Files.newOutputStream(target);
             PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            logOut.printf("command: ./vision pose train --seed %d --steps %d --hidden %d --layers %d%n", seed, steps,
                    hidden, layers);
            logOut.println("settings: " + settings);
            logOut.println("data: " + settings.syntheticClips() + " synthetic clips x " + settings.clipFrames()
                    + " frames at 30 fps; held-out: 16 synthetic clips from a separate seed");
            String last = new PoseTrainer(settings).train(List.of(), PoseTrainer.syntheticHeldOut(16, 60), weights,
                    (step, total, loss, line) -> {
                        if (line != null) {
                            System.err.print("\r" + " ".repeat(100) + "\r");
                            System.err.println(line);
                            logOut.println(line);
                            logOut.flush();
                        }
                        if (step % 10 == 0 || step == total) {
                            int filled = (int) (40L * step / total);
                            double elapsed = (System.nanoTime() - start) / 1e9;
                            System.err.printf(Locale.ROOT, "\rtrain [%s%s] %d/%d loss %.4f %.0f s", "#".repeat(filled),
                                    " ".repeat(40 - filled), step, total, loss, elapsed);
                        }
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            logOut.printf("final: %s; wall time %d s%n", last, took.toSeconds());
            System.err.println();
            System.out.printf("weights: %s (%d bytes), log: %s, %d s%n", target, Files.size(target), log,
                    took.toSeconds());
        }
        return 0;
    }
}
