package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.cli.VisionCli;
import dev.visionstream.app.demo.TestPatternSource;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.IngestRun;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.recording.FrameRecorder;
import dev.visionstream.ingest.recording.RecordingWriter;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.ingest.replay.ReplaySpeed;
import dev.visionstream.ingest.replay.Replayer;
import dev.visionstream.models.process.ExternalCommand;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An authenticated, encrypted cluster: the embedded broker gets a SASL_SSL listener (SCRAM-SHA-512 over TLS with a
 * certificate made by keytool at test time). Ingest, the service and record/replay work against it with nothing but
 * the documented client settings file; wrong credentials fail fast with a clear message.
 */
class SecureClusterEndToEndTest {
    private static final String STORE_PASSWORD = "test-store-secret";
    private static final String USER = "vision";
    private static final String PASSWORD = "vision-secret";

    @TempDir
    Path work;

    @Test
    void ingestServiceAndRecordReplayWorkOverSaslSslAndWrongCredentialsFailClearly() throws Exception {
        Path keystore = work.resolve("broker.p12");
        Path truststore = work.resolve("trust.p12");
        makeCertificates(keystore, truststore);
        int plainPort = freePort();
        int securePort = freePort();
        int controllerPort = freePort();
        String secureBootstrap = "127.0.0.1:" + securePort;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka"))
                .port(plainPort).controllerPort(controllerPort)
                .brokerProperty("listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://" + secureBootstrap
                        + ",CONTROLLER://127.0.0.1:" + controllerPort)
                .brokerProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_SSL://"
                        + secureBootstrap)
                .brokerProperty("listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT")
                .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .brokerProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty("ssl.keystore.location", keystore.toString())
                .brokerProperty("ssl.keystore.type", "PKCS12")
                .brokerProperty("ssl.keystore.password", STORE_PASSWORD)
                .brokerProperty("ssl.key.password", STORE_PASSWORD)
                .build()) {
            broker.start();
            try (Admin admin = broker.createAdmin()) { // the operator's plaintext listener, inside the host only
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get();
            }
            Path goodFile = clientFile("client.properties", PASSWORD, truststore);
            Map<String, Object> client = KafkaClientSettings.load(goodFile, Map.of(), secureBootstrap).toClientConfig();
            awaitScramUserUsable(client);

            EventCollector events = new EventCollector();
            ServiceOptions options = ServiceOptions.builder().applicationId("secure")
                    .stateDir(work.resolve("streams"))
                    .artifactDir(work.resolve("artifacts"))
                    .partitions(2)
                    .build();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent)) {
                CameraRegistry.publish(client, new CameraConfig("secure-cam", List.of(CameraHealthStage.NAME), null,
                        null, null, null, null, null));
                service.awaitCameras(Duration.ofSeconds(30), "secure-cam");
                Instant start = Instant.now().minusSeconds(1);
                try (FrameProducer producer = FrameProducer.create(
                        KafkaClientSettings.load(goodFile, Map.of(), secureBootstrap).toProperties(),
                        service.artifacts());
                     TestPatternSource source = new TestPatternSource("secure-cam", start)) {
                    new IngestRun(source, producer).run();
                }
                events.await(c -> evaluations(c, "secure-cam") >= 56 && c.on(Topics.ERRORS).size() >= 1,
                        Duration.ofMinutes(2), "the test pattern's 56 evaluations and its corrupt-frame error");

                Path recording = work.resolve("recording");
                FrameRecorder recorder = new FrameRecorder(client, Set.of("secure-cam"), start,
                        start.plusSeconds(60), service.artifacts());
                try (RecordingWriter writer = RecordingWriter.create(recording, 1024 * 1024, Map.of())) {
                    assertEquals(57, recorder.record(writer, n -> { }), "every frame recorded over SASL_SSL");
                }
                CameraRegistry.publish(client, new CameraConfig("secure-replay", List.of(CameraHealthStage.NAME), null,
                        null, null, null, null, null));
                service.awaitCameras(Duration.ofSeconds(30), "secure-replay");
                try (FrameProducer producer = FrameProducer.create(
                        KafkaClientSettings.load(goodFile, Map.of(), secureBootstrap).toProperties(),
                        service.artifacts())) {
                    new Replayer(() -> ReplayInput.open(recording, "secure-replay", SourceOptions.defaults()),
                            producer, ReplaySpeed.MAX, false, false, (f, d, n, t) -> { }).run();
                }
                events.await(c -> c.on(Topics.CAMERA_HEALTH).size() >= 56 + 1 + 56, Duration.ofMinutes(2),
                        "the replayed recording's evaluations");
            }

            Path wrongFile = clientFile("wrong.properties", "not-the-password", truststore);
            Map<String, Object> wrong = KafkaClientSettings.load(wrongFile, Map.of(), secureBootstrap).toClientConfig();
            long t0 = System.nanoTime();
            Exception refused = assertThrows(Exception.class, () -> VisionService.start(wrong, ServiceOptions.builder()
                    .applicationId("secure-wrong")
                    .stateDir(work.resolve("streams-wrong"))
                    .artifactDir(work.resolve("artifacts"))
                    .partitions(2)
                    .build(), Duration.ofMinutes(1)));
            assertTrue(messages(refused).contains("Authentication failed"), messages(refused));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60), "wrong credentials must not hang");

            String doctor = doctor("doctor", "--bootstrap-servers", secureBootstrap, "--kafka-config",
                    wrongFile.toString(), "--work-dir", work.resolve("doctor").toString());
            assertTrue(doctor.contains("Authentication failed"), doctor);
            assertTrue(!doctor.contains("not-the-password"), "secrets never printed: " + doctor);
        }
    }

    private static long evaluations(EventCollector c, String camera) {
        return c.on(Topics.CAMERA_HEALTH).stream()
                .filter(e -> e.has("frame") && e.at("/source/cameraId").asText().equals(camera)).count();
    }

    private Path clientFile(String name, String password, Path truststore) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + STORE_PASSWORD, ""));
        return file;
    }

    /** SCRAM credentials reach the broker's metadata asynchronously after the admin call returns. */
    private static void awaitScramUserUsable(Map<String, Object> client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin admin = Admin.create(client)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append(" | ");
        }
        return all.toString();
    }

    private static String doctor(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VisionCli.commandLine().execute(args);
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    /** A self-signed broker certificate for 127.0.0.1/localhost and a truststore holding it, via keytool. */
    private static void makeCertificates(Path keystore, Path truststore) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path cert = keystore.resolveSibling("broker.crt");
        run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                STORE_PASSWORD, "-file", cert.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    }

    private static void run(String... command) throws Exception {
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(60), command);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
