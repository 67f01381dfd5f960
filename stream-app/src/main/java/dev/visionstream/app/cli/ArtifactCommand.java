package dev.visionstream.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vision artifact}: what a downstream consumer does with the {@code artifact://} references in events. */
@Command(name = "artifact", mixinStandardHelpOptions = true,
        description = "Work with the artifact store that events refer to (the local folder, or the S3 bucket that "
                + "VISION_ARTIFACT_STORE=s3 selects).",
        subcommands = ArtifactGetCommand.class)
final class ArtifactCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: get");
    }
}
