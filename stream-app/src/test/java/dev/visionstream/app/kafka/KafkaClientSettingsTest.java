package dev.visionstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.kafka.KafkaClientSettings.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"app\" password=\"s3cr3t-pw\";";

    @TempDir
    Path tmp;

    private Path file(String content) throws Exception {
        Path f = tmp.resolve("client.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void fileThenEnvThenOverride() throws Exception {
        Path f = file("bootstrap.servers=file:9092\nsecurity.protocol=SSL\nclient.id=from-file\n"
                + "ssl.truststore.password=trust-pw\n");
        Map<String, String> env = Map.of(
                "VISION_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "VISION_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "VISION_KAFKA_SASL_MECHANISM", "PLAIN",
                "VISION_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "PATH", "/usr/bin",
                "KAFKA_HEAP_OPTS", "-Xmx1g");

        KafkaClientSettings s = KafkaClientSettings.load(f, env, null);
        assertEquals("env:9092", s.bootstrapServers());
        assertEquals(Source.ENV, s.source("bootstrap.servers"));
        assertEquals("SASL_SSL", s.get("security.protocol"));
        assertEquals("PLAIN", s.get("sasl.mechanism"));
        assertEquals(JAAS, s.get("sasl.jaas.config"), "secrets pass through unmasked to the clients");
        assertEquals("from-file", s.get("client.id"));
        assertEquals(Source.FILE, s.source("client.id"));
        assertFalse(s.asMap().containsKey("path"), "only prefixed variables are used");
        assertFalse(s.asMap().containsKey("heap.opts"));

        KafkaClientSettings o = KafkaClientSettings.load(f, env, " cli:9092 ");
        assertEquals("cli:9092", o.bootstrapServers());
        assertEquals(Source.OVERRIDE, o.source("bootstrap.servers"));
        assertEquals("cli:9092", o.toClientConfig().get("bootstrap.servers"));
        assertEquals("cli:9092", o.toProperties().getProperty("bootstrap.servers"));
    }

    @Test
    void fileAloneAndEnvAloneWork() throws Exception {
        assertEquals("file:9092",
                KafkaClientSettings.load(file("bootstrap.servers=file:9092\n"), Map.of(), null).bootstrapServers());
        assertEquals("a:1,b:2", KafkaClientSettings
                .load(null, Map.of("VISION_KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2"), "  ").bootstrapServers());
    }

    @Test
    void envNamesMapToDottedLowerCaseKeys() {
        assertEquals("sasl.mechanism", KafkaClientSettings.envNameToKey("VISION_KAFKA_SASL_MECHANISM"));
        assertEquals("security.protocol", KafkaClientSettings.envNameToKey("VISION_KAFKA_SECURITY_PROTOCOL"));
        assertEquals("sasl.jaas.config", KafkaClientSettings.envNameToKey("VISION_KAFKA_SASL_JAAS_CONFIG"));
        assertEquals("ssl.truststore.location",
                KafkaClientSettings.envNameToKey("VISION_KAFKA_SSL_TRUSTSTORE_LOCATION"));
    }

    @Test
    void secretsAreMaskedWhenPrinted() throws Exception {
        Map<String, String> env = Map.of(
                "VISION_KAFKA_BOOTSTRAP_SERVERS", "h:9092",
                "VISION_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "VISION_KAFKA_SSL_KEYSTORE_PASSWORD", "ks-pw",
                "VISION_KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN PRIVATE KEY-----",
                "VISION_KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET", "oauth-secret",
                "VISION_KAFKA_SASL_MECHANISM", "PLAIN");
        KafkaClientSettings s = KafkaClientSettings.load(null, env, null);
        String printed = s.toString() + "\n" + s.describe() + "\n" + s.masked();
        for (String secret : new String[] {"s3cr3t-pw", "ks-pw", "PRIVATE KEY", "oauth-secret", "PlainLoginModule"}) {
            assertFalse(printed.contains(secret), "leaked " + secret + " in " + printed);
        }
        assertEquals(KafkaClientSettings.MASK, s.masked().get("sasl.jaas.config"));
        assertEquals(KafkaClientSettings.MASK, s.masked().get("ssl.keystore.password"));
        assertEquals("PLAIN", s.masked().get("sasl.mechanism"));
        assertTrue(s.describe().contains("bootstrap.servers=h:9092 (env)"));
        assertTrue(KafkaClientSettings.isSecret("ssl.key.password"));
        assertFalse(KafkaClientSettings.isSecret("sasl.oauthbearer.token.endpoint.url"));
        assertFalse(KafkaClientSettings.isSecret("ssl.keystore.location"));
    }

    @Test
    void missingBootstrapServersIsAClearError() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.load(null, Map.of("VISION_KAFKA_SASL_MECHANISM", "PLAIN"), null));
        assertTrue(e.getMessage().contains("No Kafka bootstrap servers configured"), e.getMessage());
        assertTrue(e.getMessage().contains("VISION_KAFKA_BOOTSTRAP_SERVERS"), e.getMessage());

        Path f = file("security.protocol=SSL\n");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.load(f, Map.of("VISION_KAFKA_BOOTSTRAP_SERVERS", " "), null));
        assertTrue(e2.getMessage().contains(f.toString()), e2.getMessage());
    }

    @Test
    void missingPropertiesFileIsAnError() {
        Path missing = tmp.resolve("nope.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.load(missing, Map.of(), "h:1"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
