package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.ArtifactException.Reason;
import dev.visionstream.schemas.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 store against a real S3-compatible server (s3rver on loopback). */
class S3ArtifactStoreTest {
    private static final byte[] DATA = "frame bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static S3rverProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3rverProcess.startOrSkip(dir.resolve("s3rver"), "S3 store tests");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static S3ArtifactStore store(String prefix) {
        return S3ArtifactStore.open(server.settings(prefix).build());
    }

    @Test
    void roundTripsContentAddressedAndNamedArtifacts() {
        try (S3ArtifactStore store = store("round-trip")) {
            ArtifactRef ref = store.put(DATA, "image/jpeg");
            String sha = ArtifactUris.sha256Hex(DATA);
            assertEquals("artifact://sha256/" + sha + ".jpg", ref.uri());
            assertEquals(sha, ref.sha256());
            assertArrayEquals(DATA, store.get(ref));
            assertArrayEquals(DATA, store.get(ref.uri(), sha.toUpperCase()));

            ArtifactRef named = store.put("cam-1/density/000042.png", DATA, "image/png");
            assertEquals("artifact://named/cam-1/density/000042.png", named.uri());
            assertArrayEquals(DATA, store.get(named));
            assertEquals(List.of("round-trip/named/cam-1/density/000042.png", "round-trip/sha256/" + sha + ".jpg"),
                    keys("round-trip/"));
        }
    }

    @Test
    void theSameBytesTwiceAreOneObject() {
        try (S3ArtifactStore store = store("twice")) {
            ArtifactRef first = store.put(DATA, "image/jpeg");
            ArtifactRef second = store.put(DATA, "image/jpeg");
            assertEquals(first, second);
            assertEquals(1, keys("twice/").size());
        }
    }

    @Test
    void aReferenceResolvesInAnotherStoreOnTheSameBucket() {
        ArtifactRef ref;
        try (S3ArtifactStore writer = store("shared")) {
            ref = writer.put(DATA, "application/x-ply");
        }
        try (S3ArtifactStore reader = store("shared")) {
            assertArrayEquals(DATA, reader.get(ref));
        }
    }

    @Test
    void aTamperedObjectFailsItsChecksum() {
        try (S3ArtifactStore store = store("tamper"); S3Client raw = rawClient()) {
            ArtifactRef ref = store.put(DATA, "image/jpeg");
            raw.putObject(r -> r.bucket(S3rverProcess.BUCKET).key("tamper/" + ArtifactUris.parse(ref.uri()).key()),
                    RequestBody.fromString("tampered"));
            ArtifactException e = assertThrows(ArtifactException.class, () -> store.get(ref));
            assertEquals(Reason.CHECKSUM_MISMATCH, e.reason());
        }
    }

    @Test
    void anUnwrittenReferenceIsMissing() {
        try (S3ArtifactStore store = store("missing")) {
            String sha = ArtifactUris.sha256Hex("never written".getBytes(StandardCharsets.UTF_8));
            ArtifactException e = assertThrows(ArtifactException.class,
                    () -> store.get("artifact://sha256/" + sha + ".jpg", sha));
            assertEquals(Reason.MISSING, e.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "file:///etc/passwd", "s3://vision-test/x", "artifact://named/../x",
        "artifact://named/a/../../x", "artifact://named/.hidden", "artifact://sha256/abc.jpg",
        "artifact://other/x", "artifact://named/", "artifact://named/a//b", "artifact://named/a\\..\\b"})
    void craftedReferencesAreRefused(String uri) {
        try (S3ArtifactStore store = store("crafted")) {
            ArtifactException e = assertThrows(ArtifactException.class,
                    () -> store.get(uri, ArtifactUris.sha256Hex(DATA)));
            assertEquals(Reason.OUTSIDE_STORE, e.reason());
        }
    }

    @Test
    void aCraftedNameIsRefusedOnWrite() {
        try (S3ArtifactStore store = store("crafted")) {
            ArtifactException e = assertThrows(ArtifactException.class,
                    () -> store.put("../outside.txt", DATA, "text/plain"));
            assertEquals(Reason.OUTSIDE_STORE, e.reason());
        }
    }

    @Test
    void wrongCredentialsSaySo() {
        // s3rver 3.7.1 checks that the access key exists but does not verify SigV4 signatures, so the key is wrong
        try (S3ArtifactStore store = S3ArtifactStore.open(server.settings("creds")
                .credentials("NOT-A-KEY", "wrong-secret").build())) {
            ArtifactException e = assertThrows(ArtifactException.class, () -> store.put(DATA, "image/jpeg"));
            assertEquals(Reason.IO, e.reason());
            assertTrue(e.getMessage().contains("rejected the credentials"), e.getMessage());
        }
    }

    @Test
    void aMissingBucketSaysSo() {
        try (S3ArtifactStore store = S3ArtifactStore.open(S3StoreSettings.builder("no-such-bucket")
                .endpoint(server.endpoint()).pathStyle(true)
                .credentials(S3rverProcess.ACCESS_KEY, S3rverProcess.SECRET_KEY).build())) {
            ArtifactException e = assertThrows(ArtifactException.class, store::probe);
            assertEquals(Reason.IO, e.reason());
            assertTrue(e.getMessage().contains("bucket 'no-such-bucket' does not exist"), e.getMessage());
        }
    }

    @Test
    void anOutageIsRetriedThenReported() throws Exception {
        S3StoreSettings settings = server.settings("outage").retries(3, Duration.ofMillis(50)).build();
        try (S3ArtifactStore store = S3ArtifactStore.open(settings)) {
            server.stop();
            try {
                ArtifactException e = assertThrows(ArtifactException.class, () -> store.put(DATA, "image/jpeg"));
                assertEquals(Reason.IO, e.reason());
                assertTrue(e.getMessage().contains("failed after 3 attempt(s)"), e.getMessage());
            } finally {
                server.startAgain();
            }
            assertArrayEquals(DATA, store.get(store.put(DATA, "image/jpeg")));
        }
    }

    @Test
    void aWriteDuringAnOutageLandsOnceTheServerIsBack() throws Exception {
        // 10 tries with pauses from 200 ms, doubling: over 100 s of patience, far more than a restart takes
        S3StoreSettings settings = server.settings("comeback").retries(10, Duration.ofMillis(200)).build();
        try (S3ArtifactStore store = S3ArtifactStore.open(settings)) {
            server.stop();
            CompletableFuture<ArtifactRef> write = CompletableFuture.supplyAsync(() -> store.put(DATA, "image/png"));
            try {
                Thread.sleep(500);
            } finally {
                server.startAgain();
            }
            ArtifactRef ref = write.get();
            assertArrayEquals(DATA, store.get(ref));
        }
    }

    @Test
    void theProbeLeavesNothingBehind() {
        try (S3ArtifactStore store = store("probe")) {
            store.probe();
            assertEquals(List.of(), keys("probe/"));
        }
    }

    private static List<String> keys(String prefix) {
        try (S3Client raw = rawClient()) {
            return raw.listObjectsV2(r -> r.bucket(S3rverProcess.BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        }
    }

    private static S3Client rawClient() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(server.endpoint()).forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3rverProcess.ACCESS_KEY, S3rverProcess.SECRET_KEY)))
                .build();
    }
}
