package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.recording.FrameRecorder;
import dev.visionstream.ingest.recording.RecordingReader;
import dev.visionstream.ingest.recording.RecordingWriter;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.ingest.replay.ReplaySpeed;
import dev.visionstream.ingest.replay.Replayer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record and replay on real embedded brokers: frames of vtest.avi (a share of them claim-checked) are ingested,
 * recorded from vision.frames with {@link FrameRecorder}, and the recording is replayed twice, each time into a
 * fresh broker and topology. The result events of both replays are the same apart from event ids, emit times and
 * offsets (ids derive from offsets).
 */
class RecordReplayDeterminismTest {
    private static final String CAMERA = "walkway";
    private static final int FRAMES = 60;
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    /** Below the typical vtest JPEG size, so some frames travel by claim-check and must be recorded by value. */
    private static final int INLINE_LIMIT = 85_000;

    @TempDir
    Path work;

    @Test
    void replayingOneRecordingTwiceGivesTheSameResultEvents() throws Exception {
        Optional<Path> video = SampleMedia.vtest(false);
        Assumptions.assumeTrue(video.isPresent(), "vtest.avi not fetched: run scripts/fetch-test-assets.sh");
        Path recording = work.resolve("recording");
        recordFrom(video.get(), recording);
        try (RecordingReader reader = RecordingReader.open(recording)) {
            assertEquals(FRAMES, reader.totalFrames());
        }

        List<JsonNode> first = replayThroughFreshTopology(recording, "first");
        List<JsonNode> second = replayThroughFreshTopology(recording, "second");
        assertEquals(FRAMES, first.size());
        assertEquals(first, second);
        assertEquals(START.toString(), first.get(0).get("captureTime").asText(), "capture time kept as recorded");
    }

    private void recordFrom(Path video, Path recording) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka-live")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicCatalog.specs(2));
            }
            LocalArtifactStore artifacts = new LocalArtifactStore(work.resolve("artifacts-live"));
            try (FrameProducer producer = producer(client, artifacts, INLINE_LIMIT)) {
                new Replayer(() -> ReplayInput.open(video, CAMERA, SourceOptions.defaults().withStart(START)),
                        producer, ReplaySpeed.MAX, false, false, (f, d, n, t) -> {
                            if (n == FRAMES) {
                                throw new StopAfter();
                            }
                        }).run();
            } catch (StopAfter expected) {
                // sixty frames are enough
            }
            FrameRecorder recorder = new FrameRecorder(client, Set.of(CAMERA), START, START.plusSeconds(60),
                    artifacts);
            try (RecordingWriter writer = RecordingWriter.create(recording, 1024 * 1024, Map.of())) {
                assertEquals(FRAMES, recorder.record(writer, n -> { }));
            }
        }
    }

    /** Thrown from the listener to end the ingest after {@link #FRAMES} frames. */
    private static final class StopAfter extends RuntimeException {
    }

    private List<JsonNode> replayThroughFreshTopology(Path recording, String name) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka-" + name))
                .build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId("replay-" + name)
                    .stateDir(work.resolve("streams-" + name))
                    .artifactDir(work.resolve("artifacts-" + name))
                    .partitions(2)
                    .build();
            EventCollector events = new EventCollector();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent)) {
                CameraRegistry.publish(client, new CameraConfig(CAMERA, List.of(CameraHealthStage.NAME), "replay",
                        new HealthThresholds(3, null, null, null, null, null, 600.0), null, null, null, null));
                AtomicLong sent = new AtomicLong();
                try (FrameProducer producer = producer(client, service.artifacts(), INLINE_LIMIT)) {
                    new Replayer(() -> ReplayInput.open(recording, "unused", SourceOptions.defaults()), producer,
                            ReplaySpeed.MAX, false, false, (f, d, n, t) -> sent.set(n)).run();
                }
                assertEquals(FRAMES, sent.get());
                events.await(c -> c.on(Topics.CAMERA_HEALTH).size() >= FRAMES, Duration.ofMinutes(2),
                        FRAMES + " health events");
                Thread.sleep(500); // anything extra would arrive now
                assertEquals(List.of(), events.on(Topics.ERRORS));
                return events.on(Topics.CAMERA_HEALTH).stream().map(RecordReplayDeterminismTest::withoutRunFacts)
                        .sorted(Comparator.comparingLong(e -> e.at("/source/sequence").asLong())).toList();
            }
        }
    }

    /** The event minus what legitimately differs between runs: its id, emit time and source offset. */
    private static JsonNode withoutRunFacts(JsonNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove("id");
        copy.remove("emitTime");
        ((ObjectNode) copy.get("source")).remove("offset");
        return copy;
    }

    private static FrameProducer producer(Map<String, Object> client, ArtifactStore store,
                                          int inlineLimit) {
        Properties p = FrameProducer.producerSettings();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        return new FrameProducer(new KafkaProducer<>(p,
                new StringSerializer(),
                new ByteArraySerializer()), store, inlineLimit);
    }
}
