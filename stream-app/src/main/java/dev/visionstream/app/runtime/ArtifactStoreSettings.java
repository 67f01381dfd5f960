package dev.visionstream.app.runtime;

import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.ingest.S3ArtifactStore;
import dev.visionstream.ingest.S3StoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which artifact store the service and the CLI commands use, read once in the app layer like {@link StageSettings}:
 * each setting from a system property ({@code -Dvision.artifact....}), else an environment variable
 * ({@code VISION_ARTIFACT_...}), else its default. The default is the local folder each command names
 * ({@code --work-dir}, {@code --artifact-dir}); {@code s3} puts every artifact in a bucket instead, so instances and
 * consumers on other hosts resolve the same references.
 *
 * @param s3 the bucket's settings, or null for the local folder
 */
public record ArtifactStoreSettings(S3StoreSettings s3) {
    /** One setting: its system property, its environment variable and its default. */
    public enum Key {
        STORE("vision.artifact.store", "VISION_ARTIFACT_STORE", "local"),
        S3_ENDPOINT("vision.artifact.s3.endpoint", "VISION_ARTIFACT_S3_ENDPOINT", ""),
        S3_BUCKET("vision.artifact.s3.bucket", "VISION_ARTIFACT_S3_BUCKET", ""),
        S3_PREFIX("vision.artifact.s3.prefix", "VISION_ARTIFACT_S3_PREFIX", ""),
        S3_REGION("vision.artifact.s3.region", "VISION_ARTIFACT_S3_REGION", S3StoreSettings.DEFAULT_REGION),
        S3_PATH_STYLE("vision.artifact.s3.path-style", "VISION_ARTIFACT_S3_PATH_STYLE", "false"),
        S3_ACCESS_KEY("vision.artifact.s3.access-key", "VISION_ARTIFACT_S3_ACCESS_KEY", ""),
        S3_SECRET_KEY("vision.artifact.s3.secret-key", "VISION_ARTIFACT_S3_SECRET_KEY", ""),
        S3_ATTEMPTS("vision.artifact.s3.attempts", "VISION_ARTIFACT_S3_ATTEMPTS",
                Integer.toString(S3StoreSettings.DEFAULT_ATTEMPTS)),
        S3_BACKOFF_MS("vision.artifact.s3.backoff-ms", "VISION_ARTIFACT_S3_BACKOFF_MS",
                Long.toString(S3StoreSettings.DEFAULT_FIRST_BACKOFF.toMillis()));

        public final String property;
        public final String environment;
        public final String fallback;

        Key(String property, String environment, String fallback) {
            this.property = property;
            this.environment = environment;
            this.fallback = fallback;
        }

        private String names() {
            return SettingValues.names(environment, property);
        }
    }

    /** The local folder: today's behaviour. */
    public static ArtifactStoreSettings local() {
        return new ArtifactStoreSettings(null);
    }

    /** An S3 bucket. */
    public static ArtifactStoreSettings s3(S3StoreSettings settings) {
        return new ArtifactStoreSettings(settings);
    }

    /** The settings of this process: its system properties over its environment. */
    public static ArtifactStoreSettings fromProcess() {
        return from(System.getenv(), System.getProperties());
    }

    /**
     * @throws IllegalArgumentException naming the setting when a value cannot be used
     */
    public static ArtifactStoreSettings from(Map<String, String> environment, Properties properties) {
        Map<Key, String> v = new EnumMap<>(Key.class);
        for (Key k : Key.values()) {
            String value = properties.getProperty(k.property, environment.get(k.environment));
            v.put(k, value == null || value.isBlank() ? k.fallback : value.trim());
        }
        switch (v.get(Key.STORE).toLowerCase(Locale.ROOT)) {
            case "local":
                return local();
            case "s3":
                break;
            default:
                throw new IllegalArgumentException(Key.STORE.names() + " must be local or s3, got '"
                        + v.get(Key.STORE) + "'");
        }
        if (v.get(Key.S3_BUCKET).isEmpty()) {
            throw new IllegalArgumentException(Key.S3_BUCKET.names() + " must name the bucket when "
                    + Key.STORE.environment + " is s3");
        }
        boolean hasAccess = !v.get(Key.S3_ACCESS_KEY).isEmpty();
        if (hasAccess != !v.get(Key.S3_SECRET_KEY).isEmpty()) {
            throw new IllegalArgumentException(Key.S3_ACCESS_KEY.names() + " and " + Key.S3_SECRET_KEY.names()
                    + " go together: set both, or neither to use the AWS default credentials chain");
        }
        S3StoreSettings.Builder b = S3StoreSettings.builder(v.get(Key.S3_BUCKET))
                .endpoint(endpoint(v.get(Key.S3_ENDPOINT)))
                .prefix(v.get(Key.S3_PREFIX))
                .region(v.get(Key.S3_REGION))
                .pathStyle(bool(Key.S3_PATH_STYLE, v.get(Key.S3_PATH_STYLE)))
                .retries(positive(Key.S3_ATTEMPTS, v.get(Key.S3_ATTEMPTS)),
                        Duration.ofMillis(positive(Key.S3_BACKOFF_MS, v.get(Key.S3_BACKOFF_MS))));
        if (hasAccess) {
            b.credentials(v.get(Key.S3_ACCESS_KEY), v.get(Key.S3_SECRET_KEY));
        }
        return s3(b.build());
    }

    public boolean isLocal() {
        return s3 == null;
    }

    /** The store: the folder {@code localRoot} when local, else the bucket (whose client the caller closes). */
    public ArtifactStore open(Path localRoot) {
        return isLocal() ? new LocalArtifactStore(localRoot) : S3ArtifactStore.open(s3);
    }

    /** Where artifacts go, in words: the folder or {@code s3://bucket/prefix at endpoint}. */
    public String location(Path localRoot) {
        return isLocal() ? localRoot.toAbsolutePath().toString() : s3.location();
    }

    /** One {@code name = value} line per setting, the secret masked, for {@code --print-config}. */
    public List<String> describe(Path localRoot) {
        List<String> lines = new ArrayList<>();
        if (isLocal()) {
            lines.add("artifact.store = local");
            lines.add("artifact.dir = " + localRoot);
        } else {
            lines.add("artifact.store = s3");
            s3.describe().forEach(line -> lines.add("artifact." + line));
        }
        return lines;
    }

    private static URI endpoint(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "needs a scheme and a host, e.g. http://minio:9000");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Key.S3_ENDPOINT.names() + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static boolean bool(Key key, String value) {
        return SettingValues.bool(key.names(), value);
    }

    private static int positive(Key key, String value) {
        return SettingValues.atLeast(key.names(), value, 1);
    }
}
