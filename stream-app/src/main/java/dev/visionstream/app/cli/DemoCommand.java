package dev.visionstream.app.cli;

import dev.visionstream.app.console.ConsoleSettings;
import dev.visionstream.app.demo.DemoRun;
import dev.visionstream.app.runtime.ModelFiles;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.runtime.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The embedded default: no infrastructure needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything on this machine: an embedded Kafka broker (KRaft), the topics, the topology "
                + "and two sample cameras; print result events as they arrive, write pictures, exit.",
                "Each run starts from scratch: broker data, stream state and artifacts live in --work-dir/"
                        + "demo-run, emptied at the start and removed at the end."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--work-dir", defaultValue = ".vision", paramLabel = "DIR",
            description = "Holds the run's demo-run directory: broker data, stream state and artifact store "
                    + "(default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--output", defaultValue = "vision-output", paramLabel = "DIR",
            description = "Where pictures and events.jsonl are written (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--metrics-port", defaultValue = "0",
            description = "Prometheus /metrics port while the demo runs; 0 = any free port, -1 = off (default: "
                    + "${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--timeout", defaultValue = "PT3M", description = "Give up waiting for events after this long "
            + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConsoleOptions ui;

    @Mixin
    StageDeviceOptions devices;

    @Option(names = "--serve", description = "Keep the web console up after the demo until Ctrl-C, to look around.")
    boolean serve;

    @Override
    public Integer call() throws Exception {
        ui.check();
        if (serve && ui.disabled) {
            throw new BadInputException("--serve", "needs the console: drop --no-ui");
        }
        if (metricsPort < -1 || metricsPort > 65_535) {
            throw new BadInputException("--metrics-port " + metricsPort,
                    "must be a port, 0 (any free one) or -1 (off)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("--timeout " + timeout, "must be positive");
        }
        StageSettings stages = devices.apply(StageSettings.fromProcess());
        ModelFiles.problems(stages).forEach(bad -> System.err.println("vision demo: warning: " + bad.warning()));
        ConsoleSettings console = new ConsoleSettings(!ui.disabled, ui.bind, ui.port);
        StopSignal stop = serve ? StopSignal.install() : null;
        boolean complete;
        try {
            complete = new DemoRun(workDir, output, metricsPort, console, stop == null ? null : (ui, client) -> {
                System.out.println("console: still serving " + ui.url() + " ; Ctrl-C to stop");
                stop.await();
            }, System.out).stages(stages).run(timeout);
        } finally {
            if (stop != null) {
                stop.closed();
            }
        }
        return complete ? 0 : 1;
    }
}
