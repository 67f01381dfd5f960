package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on a real embedded broker: the real vtest.avi decoded by the ingest code, a corrupt frame slipped
 * in mid-stream, many frames claim-checked, the topology under exactly-once, and a read_committed consumer.
 */
class EmbeddedPipelineEndToEndTest {
    private static final String CAMERA = "walkway";
    private static final long CORRUPT_AT = 400;
    /** Below the typical vtest JPEG size, so a good share of frames travels by claim-check. */
    private static final int INLINE_LIMIT = 85_000;

    @TempDir
    Path work;

    @Test
    void everyFrameIsEvaluatedOnceTheCorruptFrameYieldsOneErrorAndEventsMatchTheirSchemas() throws Exception {
        Optional<Path> video = SampleMedia.vtest(false);
        Assumptions.assumeTrue(video.isPresent(), "vtest.avi not fetched: run scripts/fetch-test-assets.sh");

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId("e2e")
                    .stateDir(work.resolve("streams"))
                    .artifactDir(work.resolve("artifacts"))
                    .partitions(2)
                    .build();
            EventCollector events = new EventCollector();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent)) {
                CameraRegistry.publish(client, new CameraConfig(CAMERA, List.of(CameraHealthStage.NAME), "replay",
                        new HealthThresholds(null, null, null, null, null, null, 600.0), null, null, null, null));
                service.awaitCameras(Duration.ofSeconds(30), CAMERA);

                Set<Long> goodSequences = ingestWithCorruptFrame(client, service, video.get());
                assertEquals(795, goodSequences.size());

                events.await(c -> evaluations(c).size() >= goodSequences.size() && !c.on(Topics.ERRORS).isEmpty(),
                        Duration.ofMinutes(3), "795 health evaluations and the error");
                Thread.sleep(1_000); // anything duplicated or extra would arrive now

                List<JsonNode> evaluations = evaluations(events);
                List<Long> evaluated = evaluations.stream().map(e -> e.at("/source/sequence").asLong()).toList();
                assertEquals(goodSequences.size(), evaluated.size(), "one evaluation per good frame, no duplicates");
                assertEquals(goodSequences, new HashSet<>(evaluated));
                assertTrue(evaluated.stream().anyMatch(s -> s > CORRUPT_AT), "frames after the corrupt one processed");

                List<JsonNode> errors = events.on(Topics.ERRORS);
                assertEquals(1, errors.size(), "exactly one error event: " + errors);
                assertEquals("UNDECODABLE_FRAME", errors.get(0).get("reason").asText());
                assertEquals(CORRUPT_AT, errors.get(0).at("/source/sequence").asLong());
                assertEquals(CAMERA, errors.get(0).at("/source/cameraId").asText());

                for (JsonNode e : evaluations) {
                    assertEquals(List.of(), EventSchemas.violations(CameraHealthEvent.class, e), e.toString());
                }
                assertEquals(List.of(), EventSchemas.violations(ErrorEvent.class, errors.get(0)));
                // a camera that films people walking is neither frozen, black nor blown out
                assertEquals(0, evaluations.stream().filter(e -> e.get("status").asText().equals("alert")
                        && !e.at("/findings/0/kind").asText().equals("SEQUENCE_GAP")).count());
                try (Stream<Path> claimed = Files.list(work.resolve("artifacts").resolve("sha256"))) {
                    assertTrue(claimed.count() > 10, "some frames travelled by claim-check");
                }
            }
        }
    }

    private static List<JsonNode> evaluations(EventCollector c) {
        return c.on(Topics.CAMERA_HEALTH).stream().filter(e -> e.has("frame")).toList();
    }

    /** Sends every frame of the video, with an undecodable record taking sequence {@link #CORRUPT_AT}. */
    private static Set<Long> ingestWithCorruptFrame(Map<String, Object> client, VisionService service, Path video)
            throws Exception {
        Properties p = FrameProducer.producerSettings();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        Set<Long> good = new HashSet<>();
        try (FrameProducer producer = new FrameProducer(
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()), service.artifacts(),
                INLINE_LIMIT);
             FrameSource source = FrameSources.open(video, CAMERA, SourceOptions.defaults())) {
            for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next()) {
                Frame f = next.get();
                long seq = f.sequence() < CORRUPT_AT ? f.sequence() : f.sequence() + 1;
                if (f.sequence() == CORRUPT_AT) {
                    byte[] corrupt = "\u00ff\u00d8\u00ff\u00e0 truncated".getBytes(StandardCharsets.ISO_8859_1);
                    producer.send(new Frame(CAMERA, CORRUPT_AT, f.captureTime(), f.captureTimeSource(), f.width(),
                            f.height(), f.contentType(), corrupt));
                }
                producer.send(new Frame(CAMERA, seq, f.captureTime(), f.captureTimeSource(), f.width(), f.height(),
                        f.contentType(), f.bytes()));
                good.add(seq);
            }
        }
        return good.stream().collect(Collectors.toSet());
    }
}
