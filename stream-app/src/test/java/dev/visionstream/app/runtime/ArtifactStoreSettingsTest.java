package dev.visionstream.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.LocalArtifactStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ArtifactStoreSettingsTest {
    private static final Map<String, String> S3 = Map.of("VISION_ARTIFACT_STORE", "s3",
            "VISION_ARTIFACT_S3_BUCKET", "frames", "VISION_ARTIFACT_S3_ENDPOINT", "http://minio:9000",
            "VISION_ARTIFACT_S3_PREFIX", "/prod/", "VISION_ARTIFACT_S3_PATH_STYLE", "true",
            "VISION_ARTIFACT_S3_ACCESS_KEY", "AK", "VISION_ARTIFACT_S3_SECRET_KEY", "very-secret");

    @Test
    void theLocalFolderIsTheDefault() {
        ArtifactStoreSettings settings = ArtifactStoreSettings.from(Map.of(), new Properties());
        assertTrue(settings.isLocal());
        assertInstanceOf(LocalArtifactStore.class, settings.open(Path.of("x")));
        assertEquals("artifact.store = local", settings.describe(Path.of("x")).get(0));
    }

    @Test
    void s3SettingsComeFromTheEnvironmentWithPropertiesFirstAndTheSecretMasked() {
        Properties properties = new Properties();
        properties.setProperty("vision.artifact.s3.bucket", "from-property");
        ArtifactStoreSettings settings = ArtifactStoreSettings.from(S3, properties);
        assertFalse(settings.isLocal());
        assertEquals("from-property", settings.s3().bucket());
        assertEquals("prod", settings.s3().prefix());
        assertEquals("http://minio:9000", settings.s3().endpoint().toString());
        assertTrue(settings.s3().pathStyle());
        assertEquals(Duration.ofMillis(7750), settings.s3().retryBudget());
        String described = String.join("\n", settings.describe(Path.of("x")));
        assertTrue(described.contains("artifact.s3.secret-key = ****"), described);
        assertFalse(described.contains("very-secret"), described);
        assertFalse(settings.s3().toString().contains("very-secret"));
    }

    @Test
    void withoutKeysTheDefaultCredentialsChainIsUsed() {
        ArtifactStoreSettings settings = ArtifactStoreSettings.from(Map.of("VISION_ARTIFACT_STORE", "s3",
                "VISION_ARTIFACT_S3_BUCKET", "frames"), new Properties());
        assertNull(settings.s3().accessKey());
        assertNull(settings.s3().endpoint());
        assertEquals("us-east-1", settings.s3().region());
    }

    @Test
    void unusableValuesNameTheSetting() {
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "ftp"), "VISION_ARTIFACT_STORE");
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "s3"), "VISION_ARTIFACT_S3_BUCKET");
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "s3", "VISION_ARTIFACT_S3_BUCKET", "b",
                "VISION_ARTIFACT_S3_ACCESS_KEY", "AK"), "VISION_ARTIFACT_S3_SECRET_KEY");
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "s3", "VISION_ARTIFACT_S3_BUCKET", "b",
                "VISION_ARTIFACT_S3_ENDPOINT", "minio:9000"), "VISION_ARTIFACT_S3_ENDPOINT");
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "s3", "VISION_ARTIFACT_S3_BUCKET", "b",
                "VISION_ARTIFACT_S3_ATTEMPTS", "0"), "VISION_ARTIFACT_S3_ATTEMPTS");
        assertMessage(Map.of("VISION_ARTIFACT_STORE", "s3", "VISION_ARTIFACT_S3_BUCKET", "b",
                "VISION_ARTIFACT_S3_PATH_STYLE", "yes"), "VISION_ARTIFACT_S3_PATH_STYLE");
    }

    private static void assertMessage(Map<String, String> environment, String names) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArtifactStoreSettings.from(environment, new Properties()));
        assertTrue(e.getMessage().contains(names), e.getMessage());
    }
}
