package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void printConfigShowsTheEffectiveSettingsWithSecretsMaskedAndStartsNothing() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nsasl.jaas.config=secret-jaas-line\n");
        CliRun run = CliRun.of("run", "--kafka-config", config.toString(), "--bootstrap-servers", "broker:9092",
                "--work-dir", dir.resolve("work").toString(), "--threads", "2", "--print-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("kafka.bootstrap.servers=broker:9092"), run.out());
        assertTrue(run.out().contains("kafka.sasl.jaas.config=******"), run.out());
        assertFalse(run.out().contains("secret-jaas-line"), run.out());
        assertTrue(run.out().contains("service.threads = 2"), run.out());
        assertTrue(run.out().contains("service.state.dir = " + dir.resolve("work").resolve("streams")), run.out());
        assertTrue(run.out().contains("stages.counting.backbone = "), run.out());
        assertTrue(run.out().contains("stages.inpaint.batchSize = 1"), run.out());
        assertTrue(run.out().contains("stages.counting.batchLingerMs = 20"), run.out());
        assertFalse(Files.exists(dir.resolve("work")), "printing the settings creates no state");
    }
}
