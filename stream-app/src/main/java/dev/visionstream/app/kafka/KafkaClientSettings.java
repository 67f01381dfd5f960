package dev.visionstream.app.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Kafka client settings for running against an existing cluster. Sources, later ones winning:
 * <ol>
 *   <li>a properties file (optional), in Kafka's own key format ({@code bootstrap.servers=...},
 *       {@code security.protocol=SASL_SSL}, ...);</li>
 *   <li>environment variables prefixed {@value #ENV_PREFIX}: the rest of the name lower-cased with {@code _} turned
 *       into {@code .}, e.g. {@code VISION_KAFKA_SASL_MECHANISM=PLAIN} gives {@code sasl.mechanism=PLAIN},
 *       {@code VISION_KAFKA_SASL_JAAS_CONFIG} gives {@code sasl.jaas.config};</li>
 *   <li>an explicit bootstrap-servers value (e.g. a command-line option).</li>
 * </ol>
 * Every key is passed through to the clients unchanged, so SASL, TLS and any other client setting work without code
 * here. {@link #toString()} and {@link #describe()} mask secret values (see {@link #isSecret(String)}).
 */
public final class KafkaClientSettings {

    public static final String ENV_PREFIX = "VISION_KAFKA_";
    public static final String MASK = "******";
    private static final String BOOTSTRAP = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;

    /** Where a setting came from, for {@link #describe()}. */
    public enum Source { FILE, ENV, OVERRIDE }

    private final Map<String, String> values;
    private final Map<String, Source> sources;

    private KafkaClientSettings(Map<String, String> values, Map<String, Source> sources) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** {@link #load(Path, Map, String)} with the process environment. */
    public static KafkaClientSettings fromEnvironment(Path propertiesFile, String bootstrapServersOverride) {
        return load(propertiesFile, System.getenv(), bootstrapServersOverride);
    }

    /**
     * Loads the settings.
     *
     * @param propertiesFile           a properties file, or {@code null} for none; must exist when given
     * @param env                      environment variables (only {@value #ENV_PREFIX}-prefixed ones are used)
     * @param bootstrapServersOverride {@code bootstrap.servers} that wins over file and env, or {@code null}/blank
     * @throws IllegalArgumentException if no bootstrap servers are configured by any source, or the file is missing
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static KafkaClientSettings load(Path propertiesFile, Map<String, String> env,
            String bootstrapServersOverride) {
        Objects.requireNonNull(env, "env");
        Map<String, String> values = new TreeMap<>();
        Map<String, Source> sources = new TreeMap<>();

        if (propertiesFile != null) {
            if (!Files.isRegularFile(propertiesFile)) {
                throw new IllegalArgumentException("Kafka client properties file not found: " + propertiesFile);
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Kafka client properties " + propertiesFile, e);
            }
            for (String key : p.stringPropertyNames()) {
                put(values, sources, key.trim(), p.getProperty(key).trim(), Source.FILE);
            }
        }

        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && e.getValue() != null) {
                put(values, sources, envNameToKey(name), e.getValue().trim(), Source.ENV);
            }
        }

        if (bootstrapServersOverride != null && !bootstrapServersOverride.isBlank()) {
            put(values, sources, BOOTSTRAP, bootstrapServersOverride.trim(), Source.OVERRIDE);
        }

        String bootstrap = values.get(BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("No Kafka bootstrap servers configured. Set one of: the bootstrap "
                    + "servers option, the environment variable " + ENV_PREFIX + "BOOTSTRAP_SERVERS, or "
                    + BOOTSTRAP + " in the client properties file"
                    + (propertiesFile == null ? "" : " (" + propertiesFile + ")") + ".");
        }
        return new KafkaClientSettings(values, sources);
    }

    /** {@code VISION_KAFKA_SASL_JAAS_CONFIG} to {@code sasl.jaas.config}. */
    public static String envNameToKey(String envName) {
        String rest = envName.startsWith(ENV_PREFIX) ? envName.substring(ENV_PREFIX.length()) : envName;
        return rest.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * Whether a key's value must not be printed: keys containing {@code password}, {@code jaas}, {@code secret},
     * {@code credential} or {@code user.info}, and private-key material ({@code ssl.keystore.key} and other keys
     * ending in {@code .key}).
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("credential")
                || k.contains("user.info") || k.endsWith(".key");
    }

    private static void put(Map<String, String> values, Map<String, Source> sources, String key, String value,
            Source source) {
        if (key.isEmpty()) {
            return;
        }
        values.put(key, value);
        sources.put(key, source);
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP);
    }

    /** The value of one key, or {@code null}. */
    public String get(String key) {
        return values.get(key);
    }

    /** Where a key's value came from, or {@code null} if absent. */
    public Source source(String key) {
        return sources.get(key);
    }

    /** All settings, unmasked, sorted by key (read-only). */
    public Map<String, String> asMap() {
        return values;
    }

    /** A mutable copy as client config, ready for {@code Admin.create}, producers, consumers or StreamsConfig. */
    public Map<String, Object> toClientConfig() {
        return new TreeMap<>(values);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    /** All settings with secret values replaced by {@value #MASK}. */
    public Map<String, String> masked() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, isSecret(k) ? MASK : v));
        return Collections.unmodifiableMap(m);
    }

    /** One line per setting, {@code key=value (source)}, secrets masked; for startup logs. */
    public String describe() {
        return masked().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue() + " (" + sources.get(e.getKey()).name().toLowerCase(
                        Locale.ROOT) + ")")
                .collect(Collectors.joining("\n"));
    }

    /** Masked; safe to log. */
    @Override
    public String toString() {
        return "KafkaClientSettings" + masked();
    }
}
