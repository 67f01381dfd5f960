package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus ({@code hostile/manifest.json}) interleaved with good frames through the real service:
 * every bad record yields exactly one error event with its reason code, every good frame still yields its health
 * evaluation, and the heap does not grow with the bad input.
 */
class HostileInputEndToEndTest {
    private static final long BAD_SEQUENCE_BASE = 1_000_000;
    /** Small enough that the corpus's noisy frames exceed it, large enough for ordinary frames. */
    private static final int FRAME_BYTE_LIMIT = 200_000;

    @TempDir
    Path work;

    @Test
    void everyBadRecordYieldsExactlyOneErrorWithItsReasonAndGoodFramesKeepFlowing() throws Exception {
        List<HostileCorpus.Case> cases = HostileCorpus.manifest();
        assertTrue(cases.size() >= 40, "the corpus has at least 40 cases, has " + cases.size());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId("hostile")
                    .stateDir(work.resolve("streams"))
                    .artifactDir(work.resolve("artifacts"))
                    .partitions(2)
                    .maxFrameBytes(FRAME_BYTE_LIMIT)
                    .build();
            EventCollector events = new EventCollector();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent);
                 KafkaProducer<String, byte[]> frames = new KafkaProducer<>(producerSettings(client),
                         new StringSerializer(), new ByteArraySerializer());
                 KafkaProducer<String, String> configs = new KafkaProducer<>(producerSettings(client),
                         new StringSerializer(), new StringSerializer())) {
                HostileCorpus corpus = new HostileCorpus(service.artifacts());
                CameraRegistry.publish(client, new CameraConfig("good-cam", List.of(CameraHealthStage.NAME), null,
                        null, null, null, null, null));
                List<String> configured = new ArrayList<>(List.of("good-cam"));
                for (HostileCorpus.Case c : cases) {
                    if (c.kind().equals("config")) {
                        configs.send(corpus.configRecord(c)).get();
                        configured.add(HostileCorpus.configCamera(c));
                        if (c.hasArg("partner")) {
                            configs.send(corpus.partnerRecord(c)).get();
                            configured.add(HostileCorpus.partnerCamera(c));
                        }
                    }
                }
                service.awaitCameras(Duration.ofSeconds(30), configured.toArray(String[]::new));

                Runtime rt = Runtime.getRuntime();
                long heapBefore = usedHeapAfterGc(rt);
                Map<Long, HostileCorpus.Case> bySequence = new HashMap<>();
                Map<Long, HostileCorpus.Case> byKeypointsOffset = new HashMap<>();
                long good = 0;
                long t = System.currentTimeMillis();
                for (HostileCorpus.Case c : cases) {
                    frames.send(goodFrame(corpus, good++, t)).get();
                    if (c.kind().equals("keypoints")) {
                        byKeypointsOffset.put(configs.send(corpus.keypointsRecord(c)).get().offset(), c);
                        continue;
                    }
                    long sequence = BAD_SEQUENCE_BASE + bySequence.size();
                    bySequence.put(sequence, c);
                    frames.send(corpus.frameRecord(c, sequence, t)).get();
                }
                frames.send(goodFrame(corpus, good++, t)).get();
                long goodFrames = good;

                // no hard failure on timeout: the per-case comparison below says exactly what is missing
                events.awaitQuietly(c -> goodEvaluations(c) >= goodFrames && c.on(Topics.ERRORS).size() >= cases.size(),
                        Duration.ofSeconds(60));
                Thread.sleep(1_000); // extra or duplicated events would show up now
                for (JsonNode h : events.on(Topics.CAMERA_HEALTH)) {
                    HostileCorpus.Case slipped = bySequence.get(h.at("/source/sequence").asLong());
                    assertEquals(null, slipped, "a bad record was evaluated as a good frame: " + h);
                }

                List<JsonNode> errors = events.on(Topics.ERRORS);
                Map<String, String> expected = new HashMap<>();
                Map<String, String> actual = new HashMap<>();
                for (HostileCorpus.Case c : cases) {
                    expected.put(c.id(), c.expect());
                }
                for (JsonNode e : errors) {
                    assertEquals(List.of(), EventSchemas.violations(ErrorEvent.class, e), e.toString());
                    HostileCorpus.Case c = e.at("/source/topic").asText().equals(Topics.KEYPOINTS_3D)
                            ? byKeypointsOffset.get(e.at("/source/offset").asLong())
                            : bySequence.get(e.at("/source/sequence").asLong());
                    assertTrue(c != null, "error event for a record outside the corpus: " + e);
                    String previous = actual.put(c.id(), e.get("reason").asText());
                    assertEquals(null, previous, "second error event for case " + c.id());
                }
                assertEquals(expected, actual, "reason code per case");
                assertEquals(goodFrames, goodEvaluations(events), "every good frame evaluated exactly once");

                long heapAfter = usedHeapAfterGc(rt);
                assertTrue(heapAfter - heapBefore < 256L * 1024 * 1024,
                        "heap grew by " + (heapAfter - heapBefore) / (1024 * 1024) + " MiB over the corpus");
                System.out.printf("hostile corpus: %d bad records, %d good frames, %d error events checked, "
                                + "reasons %s; heap %d -> %d MiB%n", cases.size(), goodFrames, errors.size(),
                        actual.values().stream().collect(Collectors.groupingBy(r -> r, TreeMap::new,
                                Collectors.counting())), heapBefore >> 20, heapAfter >> 20);
            }
        }
    }

    private static ProducerRecord<String, byte[]> goodFrame(HostileCorpus corpus, long sequence, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, sequence);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/jpeg");
        return new ProducerRecord<>(Topics.FRAMES, null, timestamp, "good-cam", corpus.goodJpeg(), headers);
    }

    private static long goodEvaluations(EventCollector c) {
        return c.on(Topics.CAMERA_HEALTH).stream()
                .filter(e -> e.has("frame") && e.at("/source/cameraId").asText().equals("good-cam")).count();
    }

    private static long usedHeapAfterGc(Runtime rt) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return rt.totalMemory() - rt.freeMemory();
    }

    private static Properties producerSettings(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
