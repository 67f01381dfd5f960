package dev.visionstream.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vision pose}: the Learnable SMPLify pose solver. */
@Command(name = "pose", mixinStandardHelpOptions = true,
        description = "Learnable SMPLify pose IK: train the learned solver.",
        subcommands = PoseTrainCommand.class)
final class PoseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }
}
