package dev.visionstream.app.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures.",
        subcommands = {BenchPipelineCommand.class, BenchIngestCommand.class, BenchSoakCommand.class,
                BenchScaleCommand.class, BenchCountCommand.class, BenchSplatCommand.class, BenchInpaintCommand.class,
                BenchPoseCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
