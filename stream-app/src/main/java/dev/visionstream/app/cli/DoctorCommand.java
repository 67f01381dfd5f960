package dev.visionstream.app.cli;

import ai.djl.engine.Engine;
import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.app.runtime.ModelFiles;
import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageDevices;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.runtime.TorchRuntime;
import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.ingest.S3ArtifactStore;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.schemas.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks a deployment and says in plain words what is wrong. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a deployment: broker reachable and authenticated, topics present with the right "
                + "settings, artifact store writable, model engines loadable, GPU visible or not, model files named by "
                + "the stage settings readable. Exit code 0 when all is well, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    KafkaConnectionOptions kafka;

    @Option(names = "--work-dir", defaultValue = ".vision", paramLabel = "DIR",
            description = "The work dir whose artifact store is checked (default: ${DEFAULT-VALUE}); with "
                    + "VISION_ARTIFACT_STORE=s3 the bucket is checked instead.")
    Path workDir;

    @Option(names = "--no-kafka", description = "Skip the broker and topic checks (a model host being set up).")
    boolean noKafka;

    private final List<String> problems = new ArrayList<>();

    @Override
    public Integer call() {
        if (!noKafka) {
            checkKafka();
        }
        checkArtifactStore();
        checkEngines();
        StageSettings stages = stageSettings();
        if (stages != null) {
            checkDevices(stages.devices());
            checkModelFiles(stages);
        }
        System.out.println(problems.isEmpty() ? "doctor: all checks passed"
                : "doctor: " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        return problems.isEmpty() ? 0 : 1;
    }

    private void ok(String what) {
        System.out.println("ok    " + what);
    }

    private void problem(String what) {
        System.out.println("FAIL  " + what);
        problems.add(what);
    }

    private void checkKafka() {
        KafkaClientSettings settings;
        try {
            settings = kafka.load();
        } catch (IllegalArgumentException e) {
            problem("Kafka settings: " + e.getMessage());
            return;
        }
        Map<String, Object> client = new HashMap<>(settings.toClientConfig());
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(client)) {
            int nodes = admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size();
            ok("broker reachable at " + settings.bootstrapServers() + " (" + nodes + " node(s); authentication "
                    + settings.get("security.protocol") + " accepted)");
            checkTopics(admin);
        } catch (ExecutionException e) {
            problem("broker at " + settings.bootstrapServers() + " refused us: " + e.getCause().getMessage()
                    + " (check security.protocol, sasl.* and ssl.* settings)");
        } catch (TimeoutException e) {
            problem("broker at " + settings.bootstrapServers() + " did not answer within 20 s "
                    + "(wrong address, firewall, or a TLS/SASL listener spoken to in plaintext)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkTopics(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
        for (TopicCatalog.TopicSpec spec : TopicCatalog.specs()) {
            if (!existing.contains(spec.name())) {
                problem("topic " + spec.name() + " is missing (vision run creates it, or create it with "
                        + spec.partitions() + " partitions and " + spec.configs() + ")");
                continue;
            }
            TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(spec.name());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config config = admin.describeConfigs(List.of(resource)).all().get(20, TimeUnit.SECONDS).get(resource);
            List<String> wrong = new ArrayList<>();
            spec.configs().forEach((key, expected) -> {
                String actual = config.get(key) == null ? null : config.get(key).value();
                if (!expected.equals(actual)) {
                    wrong.add(key + "=" + actual + " (expected " + expected + ")");
                }
            });
            if (wrong.isEmpty()) {
                ok("topic " + spec.name() + " (" + description.partitions().size() + " partitions)");
            } else {
                problem("topic " + spec.name() + " has " + String.join(", ", wrong));
            }
        }
    }

    private void checkArtifactStore() {
        Path root = workDir.resolve("artifacts");
        ArtifactStoreSettings settings;
        try {
            settings = ArtifactStoreSettings.fromProcess();
        } catch (IllegalArgumentException e) {
            problem("artifact store settings: " + e.getMessage());
            return;
        }
        if (!settings.isLocal()) {
            checkBucket(settings);
            return;
        }
        try {
            Files.createDirectories(root);
            LocalArtifactStore store = new LocalArtifactStore(root);
            byte[] probe = ("doctor " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            ArtifactRef ref = store.put("doctor/probe.txt", probe, "text/plain");
            store.get(ref);
            Files.deleteIfExists(store.resolve(ref.uri()));
            ok("artifact store " + root.toAbsolutePath() + " is writable");
        } catch (Exception e) {
            problem("artifact store " + root.toAbsolutePath() + " is not usable: " + e.getMessage());
        }
    }

    private void checkBucket(ArtifactStoreSettings settings) {
        try (S3ArtifactStore store = S3ArtifactStore.open(settings.s3())) {
            store.probe();
            ok("artifact store " + store.location() + " can be written and read back");
        } catch (ArtifactException e) {
            problem("artifact store " + settings.s3().location() + " is not usable: " + e.getMessage());
        }
    }

    private void checkEngines() {
        for (String name : List.of("PyTorch", "OnnxRuntime")) {
            try {
                Engine engine = Engine.getEngine(name);
                ok("model engine " + name + " " + engine.getVersion() + " loads ("
                        + ("PyTorch".equals(name) ? TorchRuntime.describe(engine) + "; " : "")
                        + (engine.getGpuCount() > 0 ? engine.getGpuCount() + " GPU(s) visible" : "no GPU visible: CPU")
                        + ")");
                if ("PyTorch".equals(name)) {
                    TorchRuntime.gpus(engine).forEach(gpu -> ok("  " + gpu));
                }
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                problem("model engine " + name + " does not load: " + e.getMessage());
            }
        }
    }

    /** This process's stage settings, or null when they cannot be read (reported as a problem). */
    private StageSettings stageSettings() {
        try {
            return StageSettings.fromProcess();
        } catch (IllegalArgumentException e) {
            problem("stage settings: " + e.getMessage());
            return null;
        }
    }

    /** The model files the stage settings name: present, readable, and a verifier of the right kind. */
    private void checkModelFiles(StageSettings settings) {
        for (ModelFiles.Named file : ModelFiles.check(settings)) {
            if (file.usable()) {
                ok("model file " + file.file() + " (" + file.setting() + ")");
            } else {
                problem("model file " + file.file() + " (" + file.setting() + ") " + file.problem());
            }
        }
    }

    /** Which device each model stage would run on with these settings. */
    private void checkDevices(StageDevices devices) {
        for (ModelStage stage : ModelStage.values()) {
            DeviceSetting setting = devices.of(stage);
            try {
                ok("stage " + stage.id + " runs on " + DeviceSetting.label(setting.resolve()) + " (device "
                        + setting + ")");
            } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
                problem("stage " + stage.id + ": device " + e.getMessage());
            }
        }
    }
}
