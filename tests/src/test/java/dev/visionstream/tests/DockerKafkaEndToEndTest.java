package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visionstream.app.demo.TestPatternSource;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.IngestRun;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same service against the official Apache Kafka image, as docker-compose.yml runs it. Skipped, with the reason
 * in the test report, where no Docker engine is reachable.
 */
class DockerKafkaEndToEndTest {
    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafkaContainer() {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (!docker) {
            System.err.println("SKIPPED " + DockerKafkaEndToEndTest.class.getSimpleName()
                    + ": no Docker engine is reachable, so the apache/kafka container cannot start "
                    + "(the embedded-broker end-to-end test covers the same path)");
        }
        if (docker) {
            kafka = new KafkaContainer("apache/kafka:4.1.1");
            kafka.start();
        }
    }

    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue(kafka != null, "no Docker engine is reachable");
    }

    @AfterAll
    static void stopKafkaContainer() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @TempDir
    Path work;

    @Test
    void testPatternFramesAreEvaluatedAgainstARealKafkaContainer() throws Exception {
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        ServiceOptions options = ServiceOptions.builder().applicationId("docker-e2e")
                .stateDir(work.resolve("streams"))
                .artifactDir(work.resolve("artifacts"))
                .partitions(2)
                .build();
        EventCollector events = new EventCollector();
        try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
             EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent)) {
            CameraRegistry.publish(client, new CameraConfig("pattern", List.of(CameraHealthStage.NAME), null, null,
                    null, null, null, null));
            service.awaitCameras(Duration.ofSeconds(30), "pattern");
            try (FrameProducer producer = FrameProducer.connect(kafka.getBootstrapServers(), service.artifacts());
                 TestPatternSource source = new TestPatternSource("pattern", Instant.now())) {
                new IngestRun(source, producer).run();
            }
            events.await(c -> c.on(Topics.CAMERA_HEALTH).size() >= 56 && c.on(Topics.ERRORS).size() >= 1,
                    Duration.ofMinutes(2), "56 evaluations and 1 error");
            assertEquals(1, events.on(Topics.ERRORS).size());
        }
    }
}
