package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.ArtifactException.Reason;
import dev.visionstream.schemas.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalArtifactStoreTest {
    private static final byte[] DATA = "frame bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void contentAddressedRoundTrip() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef ref = store.put(DATA, "image/jpeg");

        String sha = LocalArtifactStore.sha256Hex(DATA);
        assertEquals("artifact://sha256/" + sha + ".jpg", ref.uri());
        assertEquals(sha, ref.sha256());
        assertEquals(DATA.length, ref.bytes());
        assertEquals("image/jpeg", ref.contentType());
        assertArrayEquals(DATA, store.get(ref));
        assertArrayEquals(DATA, store.get(ref.uri(), sha.toUpperCase()));
        assertTrue(Files.isRegularFile(root.resolve("sha256").resolve(sha + ".jpg")));
    }

    @Test
    void storingTheSameBytesAgainOverwritesInsteadOfDuplicating() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef first = store.put(DATA, "image/png");
        ArtifactRef retry = store.put(DATA, "image/png");

        assertEquals(first, retry);
        try (Stream<Path> files = Files.list(root.resolve("sha256"))) {
            assertEquals(1, files.count(), "one file, no temp files left behind");
        }
    }

    @Test
    void namedRoundTripInSubfolders() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef ref = store.put("cam-1/density/000042.png", DATA, "image/png");

        assertEquals("artifact://named/cam-1/density/000042.png", ref.uri());
        assertEquals(LocalArtifactStore.sha256Hex(DATA), ref.sha256());
        assertArrayEquals(DATA, store.get(ref));
        assertTrue(Files.isRegularFile(root.resolve("named/cam-1/density/000042.png")));

        byte[] replaced = "v2".getBytes(StandardCharsets.UTF_8);
        ArtifactRef second = store.put("cam-1/density/000042.png", replaced, "image/png");
        assertArrayEquals(replaced, store.get(second));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "../x",
            "/etc/passwd",
            "file:/etc/passwd",
            "file:///etc/passwd",
            "http://example.com/a.jpg",
            "artifact://named/../../../etc/passwd",
            "artifact://named/a/../../b",
            "artifact://named//etc/passwd",
            "artifact://named/%2e%2e/x",
            "artifact://sha256/../named/x",
            "artifact://sha256/notahash.jpg",
            "artifact://other/x",
            "artifact://named/",
            "artifact:/named/x"})
    void referencesOutsideTheStoreAreRefused(String uri) {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> store.get(uri, LocalArtifactStore.sha256Hex(DATA)));
        assertEquals(Reason.OUTSIDE_STORE, e.reason(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.png", "/abs/olute.png", "a/../../b.png", ".hidden", "a//b.png", "a\\..\\b"})
    void namesThatCouldEscapeAreRefusedOnPut(String name) {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactException e = assertThrows(ArtifactException.class, () -> store.put(name, DATA, "image/png"));
        assertEquals(Reason.OUTSIDE_STORE, e.reason());
    }

    @Test
    void symbolicLinksOutOfTheStoreAreRefused(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.write(elsewhere.resolve("secret.txt"), DATA);
        Files.createDirectories(root.resolve("named"));
        Files.createSymbolicLink(root.resolve("named/link.txt"), secret);

        ArtifactException e = assertThrows(ArtifactException.class,
                () -> new LocalArtifactStore(root).get("artifact://named/link.txt",
                        LocalArtifactStore.sha256Hex(DATA)));
        assertEquals(Reason.OUTSIDE_STORE, e.reason());
    }

    @Test
    void wellFormedReferenceToNothingIsMissing() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        String sha = LocalArtifactStore.sha256Hex(DATA);

        assertEquals(Reason.MISSING, assertThrows(ArtifactException.class,
                () -> store.get("artifact://sha256/" + sha + ".jpg", sha)).reason());
        assertEquals(Reason.MISSING, assertThrows(ArtifactException.class,
                () -> store.get("artifact://named/never/written.png", sha)).reason());
    }

    @Test
    void changedBytesFailTheChecksum() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef ref = store.put(DATA, "image/jpeg");
        Files.write(store.resolve(ref.uri()), "tampered".getBytes(StandardCharsets.UTF_8));

        ArtifactException e = assertThrows(ArtifactException.class, () -> store.get(ref));
        assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void wrongExpectedChecksumFails() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef ref = store.put("out.png", DATA, "image/png");
        String otherSha = LocalArtifactStore.sha256Hex("other bytes".getBytes(StandardCharsets.UTF_8));
        ArtifactException e = assertThrows(ArtifactException.class, () -> store.get(ref.uri(), otherSha));
        assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void malformedExpectedChecksumIsAProgrammingError() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactRef ref = store.put(DATA, "image/jpeg");
        assertThrows(IllegalArgumentException.class, () -> store.get(ref.uri(), "abc"));
        assertThrows(IllegalArgumentException.class, () -> store.get(ref.uri(), null));
    }

    @Test
    void unwritableStoreReportsIo() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> new LocalArtifactStore(file).put(DATA, "image/jpeg"));
        assertEquals(Reason.IO, e.reason());
    }

    @Test
    void extensionFollowsTheContentType() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        assertTrue(store.put(DATA, "image/png").uri().endsWith(".png"));
        assertTrue(store.put(DATA, "application/json; charset=utf-8").uri().endsWith(".json"));
        assertTrue(store.put(DATA, "application/x-ply").uri().endsWith(".ply"));
        assertTrue(store.put(DATA, "application/octet-stream").uri().endsWith(".bin"));
    }

    @Test
    void aFolderOfNamedArtifactsIsMissingNotAnOutage() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("cam-1/density/000001.png", DATA, "image/png");
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> store.get("artifact://named/cam-1/density", LocalArtifactStore.sha256Hex(DATA)));
        assertEquals(Reason.MISSING, e.reason());
    }

    @Test
    void aNameTooLongForAnyStoreIsRefusedNotAnOutage() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> store.get("artifact://named/" + "a".repeat(300), LocalArtifactStore.sha256Hex(DATA)));
        assertEquals(Reason.OUTSIDE_STORE, e.reason());
    }
}
