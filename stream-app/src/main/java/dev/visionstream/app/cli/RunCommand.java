package dev.visionstream.app.cli;

import dev.visionstream.app.console.VisionConsole;
import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.app.runtime.ModelFiles;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.runtime.StopSignal;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.S3ArtifactStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the topology against an existing cluster until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the stream topology against an existing Kafka cluster until interrupted (Ctrl-C / SIGTERM).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    KafkaConnectionOptions kafka;

    @Option(names = "--application-id", defaultValue = "vision-stream-app",
            description = "Kafka Streams application.id; instances with the same id share the work (default: "
                    + "${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--work-dir", defaultValue = ".vision", paramLabel = "DIR",
            description = "Local state and artifact store (default: ${DEFAULT-VALUE}); VISION_ARTIFACT_STORE=s3 "
                    + "puts artifacts in a bucket instead.")
    Path workDir;

    @Option(names = "--metrics-port", defaultValue = "9400",
            description = "Prometheus /metrics port; 0 = any free port, -1 = off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions for topics this command creates; existing topics are left alone (default: "
                    + "${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    ConsoleOptions ui;

    @Mixin
    StageDeviceOptions devices;

    @Option(names = "--print-config",
            description = "Print the effective settings (Kafka client, service, stages; secrets masked) and exit.")
    boolean printConfig;

    private VisionConsole startConsole(Map<String, Object> client, VisionService service) {
        try {
            return VisionConsole.start(client, applicationId, service.artifacts(), SampleMedia.assetDir(), ui.bind,
                    ui.port);
        } catch (RuntimeException e) {
            throw new BadInputException("--ui-port " + ui.port, "the console cannot listen on " + ui.bind + ":"
                    + ui.port + " (in use? another instance on this host needs its own --ui-port, or --no-ui)", e);
        }
    }

    /** A bucket that cannot be written and read fails the start, not the first stage that writes to it. */
    private static void checkArtifactStore(ServiceOptions options) {
        ArtifactStoreSettings store = options.artifactStore();
        if (store.isLocal()) {
            return;
        }
        try (S3ArtifactStore s3 = S3ArtifactStore.open(store.s3())) {
            s3.probe();
        } catch (ArtifactException e) {
            throw new BadInputException("artifact store " + store.location(options.artifactDir()),
                    "cannot be written and read back: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        ui.check();
        if (partitions < 1) {
            throw new BadInputException("--partitions " + partitions, "must be 1 or more");
        }
        if (threads < 1) {
            throw new BadInputException("--threads " + threads, "must be 1 or more");
        }
        KafkaClientSettings settings = kafka.load();
        ServiceOptions options = ServiceOptions.builder(workDir)
                .applicationId(applicationId)
                .metricsPort(metricsPort)
                .partitions(partitions)
                .threads(threads)
                .stages(devices.apply(StageSettings.fromProcess()))
                .artifactStore(ArtifactStoreSettings.fromProcess())
                .build();
        if (printConfig) {
            settings.describe().lines().forEach(line -> System.out.println("kafka." + line));
            options.describe().forEach(line -> System.out.println("service." + line));
            options.stages().describe().forEach(line -> System.out.println("stages." + line));
            return 0;
        }
        checkArtifactStore(options);
        for (ModelFiles.Named bad : ModelFiles.problems(options.stages())) {
            System.err.println("vision run: warning: " + bad.warning());
        }
        System.err.println("vision run: " + settings.describe());
        StopSignal stop = StopSignal.install();
        Map<String, Object> client = settings.toClientConfig();
        try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
             VisionConsole console = ui.disabled ? null : startConsole(client, service)) {
            if (service.metricsPort() > 0) {
                System.err.println("metrics on http://localhost:" + service.metricsPort() + "/metrics");
            }
            if (console != null) {
                System.err.println("console on " + console.url());
            }
            System.err.println("running; Ctrl-C to stop");
            stop.await();
            System.err.println(service.metrics().summaryLine());
        } finally {
            stop.closed();
        }
        return 0;
    }
}
