package dev.visionstream.app.cli;

import dev.visionstream.app.cli.bench.BenchCommand;
import dev.visionstream.app.runtime.GpuPreflight;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code vision} command line. */
@Command(name = "vision", mixinStandardHelpOptions = true, version = "vision 0.1.0",
        description = {"Streaming computer vision on Kafka: camera frames in, JSON events out.",
                "Exit codes: 0 done, 1 internal error, 2 bad input (one line on stderr says which and why)."},
        subcommands = {DemoCommand.class, RunCommand.class, IngestCommand.class, RecordCommand.class,
                ReplayCommand.class, BenchCommand.class, DoctorCommand.class, CountCommand.class, SplatCommand.class,
                InpaintCommand.class, PoseCommand.class, ArtifactCommand.class,
                CommandLine.HelpCommand.class})
public final class VisionCli implements Runnable {
    @Spec
    CommandSpec spec;

    // read by FailureReporter from the parse result, wherever on the command line it was given
    @Option(names = FailureReporter.VERBOSE, scope = ScopeType.INHERIT,
            description = "On failure, also print the Java stack trace.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with its failure handling; tests run commands through this too. */
    public static CommandLine commandLine() {
        FailureReporter failures = new FailureReporter();
        return new CommandLine(new VisionCli())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }

    public static void main(String[] args) {
        // FFmpeg prints stream details and option notices at INFO; only its errors belong on a user's terminal
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        String gpuMode = GpuPreflight.gpuModeReason(args, System.getenv(), System.getProperties());
        if (gpuMode != null) {
            Optional<String> problem = GpuPreflight.check(gpuMode, System.getenv());
            if (problem.isPresent()) {
                System.err.println("vision: " + problem.get());
                System.exit(BadInputException.EXIT_CODE);
            }
        }
        System.exit(commandLine().execute(args));
    }
}
