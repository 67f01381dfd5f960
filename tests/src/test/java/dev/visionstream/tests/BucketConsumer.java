package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.cli.VisionCli;
import dev.visionstream.ingest.S3rverProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A downstream consumer on a host of its own: a directory with no artifact store, only the bucket's settings, and
 * {@code vision artifact get} to fetch what an event references. Each fetched file is checked against the size and
 * SHA-256 that the reference carries, computed here rather than trusted from the command's own check.
 */
final class BucketConsumer {
    private final Path dir;
    private final Map<String, String> settings;

    /** @param prefix the key prefix the instances write under */
    BucketConsumer(Path dir, S3rverProcess s3, String prefix) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.settings = Map.of("vision.artifact.store", "s3",
                "vision.artifact.s3.endpoint", s3.endpoint().toString(), "vision.artifact.s3.bucket",
                S3rverProcess.BUCKET, "vision.artifact.s3.prefix", prefix, "vision.artifact.s3.path-style",
                "true", "vision.artifact.s3.access-key", S3rverProcess.ACCESS_KEY, "vision.artifact.s3.secret-key",
                S3rverProcess.SECRET_KEY);
    }

    /** Fetches {@code ref} (an event's artifact reference: uri, sha256, bytes) into {@code fileName}. */
    Path fetch(JsonNode ref, String fileName) throws IOException {
        assertFalse(ref == null || ref.isNull(), "an artifact reference");
        Path out = dir.resolve(fileName);
        // the CLI reads its store settings like the service does; this JVM is the consumer's only for the call
        settings.forEach(System::setProperty);
        int rc;
        try {
            rc = VisionCli.commandLine().execute("artifact", "get", ref.get("uri").asText(), "--sha256",
                    ref.get("sha256").asText(), "--out", out.toString(), "--artifact-dir", localStore().toString());
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
        assertEquals(0, rc, "vision artifact get " + ref);
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(ref.get("bytes").asLong(), bytes.length, "size of " + ref);
        assertEquals(ref.get("sha256").asText(), sha256(bytes), "SHA-256 of " + ref);
        return out;
    }

    /** The consumer read everything from the bucket: no store folder was ever made here. */
    void assertNoLocalStore() {
        assertFalse(Files.exists(localStore()), "the consumer has no local store");
    }

    private Path localStore() {
        return dir.resolve("artifacts");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
