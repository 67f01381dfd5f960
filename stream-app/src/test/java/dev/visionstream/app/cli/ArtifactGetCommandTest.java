package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.ArtifactUris;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.schemas.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vision artifact get} on the local store; {@link S3CommandsTest} runs it on a bucket. */
class ArtifactGetCommandTest {
    private static final byte[] PNG = "not really a png".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void fetchesAContentAddressedReferenceToAFile() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        ArtifactRef ref = store.put(PNG, "image/png");
        Path out = dir.resolve("overlay.png");
        CliRun run = CliRun.of("artifact", "get", ref.uri(), "--out", out.toString(), "--artifact-dir",
                store.root().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(PNG, Files.readAllBytes(out));
    }

    @Test
    void writesToStdoutWithoutOut() {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        ArtifactRef ref = store.put(PNG, "image/png");
        CliRun run = CliRun.of("artifact", "get", ref.uri(), "--artifact-dir", store.root().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(new String(PNG, StandardCharsets.UTF_8), run.out());
    }

    @Test
    void aNamedReferenceNeedsItsChecksum() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        ArtifactRef ref = store.put("cam-1/density/000001.png", PNG, "image/png");
        String root = store.root().toString();
        String line = BadInputAssert.assertReported(CliRun.of("artifact", "get", ref.uri(), "--artifact-dir", root),
                ref.uri());
        assertTrue(line.contains("--sha256"), line);

        Path out = dir.resolve("named.png");
        CliRun run = CliRun.of("artifact", "get", ref.uri(), "--sha256", ref.sha256(), "--out", out.toString(),
                "--artifact-dir", root);
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(PNG, Files.readAllBytes(out));
    }

    @Test
    void aTamperedArtifactIsReportedNotWritten() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        ArtifactRef ref = store.put(PNG, "image/png");
        Files.writeString(store.resolve(ref.uri()), "tampered");
        Path out = dir.resolve("out.png");
        String line = BadInputAssert.assertReported(CliRun.of("artifact", "get", ref.uri(), "--out", out.toString(),
                "--artifact-dir", store.root().toString()), ref.uri());
        assertTrue(line.contains("CHECKSUM_MISMATCH"), line);
        assertTrue(Files.notExists(out), "nothing written");
    }

    @Test
    void missingCraftedAndMalformedInputAreOneLineEach() {
        String root = dir.resolve("artifacts").toString();
        String sha = ArtifactUris.sha256Hex(PNG);
        String missing = "artifact://sha256/" + sha + ".png";
        assertTrue(BadInputAssert.assertReported(CliRun.of("artifact", "get", missing, "--artifact-dir", root),
                missing).contains("MISSING"));
        BadInputAssert.assertReported(CliRun.of("artifact", "get", "artifact://named/../../etc/passwd",
                "--sha256", sha, "--artifact-dir", root), "artifact://named/../../etc/passwd");
        BadInputAssert.assertReported(CliRun.of("artifact", "get", "/etc/passwd", "--artifact-dir", root),
                "/etc/passwd");
        BadInputAssert.assertReported(CliRun.of("artifact", "get", "artifact://named/x.png", "--sha256", "abc",
                "--artifact-dir", root), "--sha256 abc");
    }
}
