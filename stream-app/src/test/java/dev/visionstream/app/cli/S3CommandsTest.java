package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.S3ArtifactStore;
import dev.visionstream.ingest.S3rverProcess;
import dev.visionstream.schemas.ArtifactRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands with {@code VISION_ARTIFACT_STORE=s3} (as system properties) against s3rver on loopback. */
class S3CommandsTest {
    private static final byte[] PLY = "ply\nformat ascii 1.0\nend_header\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static S3rverProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3rverProcess.startOrSkip(dir.resolve("s3rver"), "S3 command tests");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void clearSettings() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("vision.artifact."))
                .forEach(System::clearProperty);
    }

    private static void useBucket(String bucket, String accessKey, int attempts) {
        Map.of("vision.artifact.store", "s3", "vision.artifact.s3.endpoint", server.endpoint().toString(),
                "vision.artifact.s3.bucket", bucket, "vision.artifact.s3.prefix", "cli",
                "vision.artifact.s3.path-style", "true", "vision.artifact.s3.access-key", accessKey,
                "vision.artifact.s3.secret-key", "secret-of-" + accessKey,
                "vision.artifact.s3.attempts", Integer.toString(attempts),
                "vision.artifact.s3.backoff-ms", "20").forEach(System::setProperty);
    }

    @Test
    void artifactGetFetchesFromTheBucket() throws Exception {
        ArtifactRef ref;
        try (S3ArtifactStore store = S3ArtifactStore.open(server.settings("cli").build())) {
            ref = store.put(PLY, "application/x-ply");
        }
        useBucket(S3rverProcess.BUCKET, S3rverProcess.ACCESS_KEY, 3);
        Path out = dir.resolve("scene.ply");
        CliRun run = CliRun.of("artifact", "get", ref.uri(), "--out", out.toString(), "--artifact-dir",
                dir.resolve("no-local-store").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(PLY, Files.readAllBytes(out));
        assertFalse(Files.exists(dir.resolve("no-local-store")), "the local folder is not used");
    }

    @Test
    void printConfigShowsTheBucketAndMasksTheSecret() {
        useBucket(S3rverProcess.BUCKET, S3rverProcess.ACCESS_KEY, 3);
        CliRun run = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--work-dir",
                dir.resolve("print").toString(), "--print-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("service.artifact.store = s3"), run.out());
        assertTrue(run.out().contains("service.artifact.s3.bucket = " + S3rverProcess.BUCKET), run.out());
        assertTrue(run.out().contains("service.artifact.s3.secret-key = ****"), run.out());
        assertFalse(run.out().contains("secret-of-"), run.out());
    }

    @Test
    void runWithWrongCredentialsFailsAtStartWithOneLine() {
        useBucket(S3rverProcess.BUCKET, "NOT-A-KEY", 3);
        String line = BadInputAssert.assertReported(CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1",
                "--work-dir", dir.resolve("creds").toString(), "--no-ui", "--metrics-port", "-1"), "artifact store");
        assertTrue(line.contains("rejected the credentials"), line);
        assertFalse(line.contains("secret-of-"), line);
    }

    @Test
    void runWithAnUnreachableStoreFailsAtStartWithOneLine() throws Exception {
        useBucket(S3rverProcess.BUCKET, S3rverProcess.ACCESS_KEY, 2);
        System.setProperty("vision.artifact.s3.endpoint", "http://127.0.0.1:1");
        String line = BadInputAssert.assertReported(CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1",
                "--work-dir", dir.resolve("down").toString(), "--no-ui", "--metrics-port", "-1"), "artifact store");
        assertTrue(line.contains("failed after 2 attempt(s)"), line);
    }

    @Test
    void doctorChecksTheBucket() {
        useBucket(S3rverProcess.BUCKET, S3rverProcess.ACCESS_KEY, 3);
        String healthy = doctor();
        assertTrue(healthy.contains("ok    artifact store s3://" + S3rverProcess.BUCKET + "/cli"), healthy);
        assertTrue(healthy.contains("can be written and read back"), healthy);

        useBucket("no-such-bucket", S3rverProcess.ACCESS_KEY, 3);
        String missing = doctor();
        assertEquals(1, missing.lines().filter(l -> l.startsWith("FAIL  artifact store")).count(), missing);
        assertTrue(missing.contains("bucket 'no-such-bucket' does not exist"), missing);
    }

    private String doctor() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VisionCli.commandLine().execute("doctor", "--bootstrap-servers", "127.0.0.1:1", "--work-dir",
                    dir.resolve("doctor").toString());
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }
}
