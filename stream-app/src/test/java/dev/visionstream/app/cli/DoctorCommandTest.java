package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path work;

    private record Outcome(int exitCode, String output) {
    }

    private Outcome doctor(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int rc = VisionCli.commandLine().execute(args);
            return new Outcome(rc, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void passesOnAHealthyDeploymentAndNamesWhatIsWrongOtherwise() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build()) {
            broker.start();
            String workDir = work.resolve("app").toString();
            Outcome missing = doctor("doctor", "--bootstrap-servers", broker.bootstrapServers(), "--work-dir", workDir);
            assertEquals(1, missing.exitCode());
            assertTrue(missing.output().contains("topic vision.frames is missing"), missing.output());

            try (Admin admin = Admin.create(broker.clientProperties())) {
                TopicSetup.ensure(admin, TopicCatalog.specs());
                Outcome healthy = doctor("doctor", "--bootstrap-servers", broker.bootstrapServers(), "--work-dir",
                        workDir);
                assertEquals(0, healthy.exitCode(), healthy.output());
                assertTrue(healthy.output().contains("artifact store"), healthy.output());
                assertTrue(healthy.output().contains("model engine PyTorch"), healthy.output());

                ConfigResource frames = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES);
                admin.incrementalAlterConfigs(Map.of(frames, List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get();
                // the change reaches the broker's view of the topic asynchronously
                while (!"1000".equals(admin.describeConfigs(List.of(frames)).all().get().get(frames)
                        .get("retention.ms").value())) {
                    Thread.sleep(50);
                }
                Outcome drifted = doctor("doctor", "--bootstrap-servers", broker.bootstrapServers(), "--work-dir",
                        workDir);
                assertEquals(1, drifted.exitCode());
                assertTrue(drifted.output().contains("topic vision.frames has retention.ms=1000"), drifted.output());
            }
        }
    }

    @Test
    void anUnreachableBrokerIsAClearProblemNotAHang() {
        Outcome outcome = doctor("doctor", "--bootstrap-servers", "127.0.0.1:1", "--work-dir", work.toString());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.output().contains("did not answer") || outcome.output().contains("refused"),
                outcome.output());
    }

    @Test
    void aModelFileTheSettingsNameButThatCannotBeReadIsAProblem() {
        String property = "vision.counting.verifier";
        Path missing = work.resolve("no-such-verifier.json");
        System.setProperty(property, missing.toString());
        try {
            Outcome outcome = doctor("doctor", "--no-kafka", "--work-dir", work.resolve("app").toString());
            assertEquals(1, outcome.exitCode(), outcome.output());
            assertTrue(outcome.output().contains("FAIL  model file " + missing
                    + " (VISION_COUNTING_VERIFIER (vision.counting.verifier)) does not exist"), outcome.output());
        } finally {
            System.clearProperty(property);
        }
    }
}
