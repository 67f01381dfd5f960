package dev.visionstream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Frames/s of one stage through the whole service: an embedded broker, the topology under exactly-once, a producer
 * and a read_committed consumer of the stage's result topic. A warm-up camera goes first (JIT, engine, topic
 * metadata); then the timed camera, from the first send to the last result.
 */
final class StageThroughput {
    /** The camera config a stage needs, built once the service (and its artifact store) runs. */
    @FunctionalInterface
    interface CameraFactory {
        CameraConfig camera(VisionService service, String cameraId) throws IOException;
    }

    /** Timed frames/s, and the stage's own model time per frame as its events report it (the listed timings). */
    record Result(double framesPerSecond, double modelMsPerFrame) {
    }

    private static final String WARMUP = "bench-warmup";
    private static final String TIMED = "bench-timed";

    private StageThroughput() {
    }

    /**
     * Sends {@code warmup} then {@code frames} copies of one encoded picture; returns the timed frames/s and the
     * mean over the timed results of the sum of their {@code timingsMs} entries named in {@code modelTimings}
     * (on a shared machine the model slows down beside the broker and clients, which a plain loop does not show),
     * with the stages configured by {@code stages} (device, batching).
     */
    static Result measure(Path workDir, String applicationId, String resultTopic, CameraFactory cameras,
                          byte[] encoded, String contentType, int width, int height, int warmup, int frames,
                          List<String> modelTimings, StageSettings stages, PrintStream out) throws Exception {
        Files.createDirectories(workDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId(applicationId)
                    .stateDir(workDir.resolve("streams"))
                    .artifactDir(workDir.resolve("artifacts"))
                    .partitions(1)
                    .stages(stages)
                    .build();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2))) {
                CameraRegistry.publish(client, cameras.camera(service, WARMUP), cameras.camera(service, TIMED));
                service.awaitCameras(Duration.ofSeconds(30), WARMUP, TIMED);
                AtomicLong warm = new AtomicLong();
                AtomicLong done = new AtomicLong();
                AtomicLong lastNanos = new AtomicLong();
                DoubleAdder modelMs = new DoubleAdder();
                try (EventTap tap = new EventTap(client, List.of(resultTopic, Topics.ERRORS), (t, k, json, at) -> {
                    if (!resultTopic.equals(t)) {
                        out.println("error event: " + json);
                        return;
                    }
                    if (k.equals(WARMUP)) {
                        warm.incrementAndGet();
                    } else {
                        modelMs.add(modelMillis(json, modelTimings));
                        done.incrementAndGet();
                    }
                    lastNanos.set(System.nanoTime());
                })) {
                    produce(client, service, WARMUP, encoded, contentType, width, height, warmup);
                    await(warm, warmup, resultTopic);
                    long start = System.nanoTime();
                    produce(client, service, TIMED, encoded, contentType, width, height, frames);
                    await(done, frames, resultTopic);
                    return new Result(frames / ((lastNanos.get() - start) / 1e9), modelMs.sum() / frames);
                }
            }
        }
    }

    private static double modelMillis(String json, List<String> names) {
        try {
            JsonNode timings = Json.MAPPER.readTree(json).path("timingsMs");
            double sum = 0;
            for (String name : names) {
                sum += timings.path(name).asDouble();
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable result event: " + e.getMessage(), e);
        }
    }

    private static void produce(Map<String, Object> client, VisionService service, String camera, byte[] encoded,
                                String contentType, int width, int height, int frames) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        try (FrameProducer producer = FrameProducer.create(p, service.artifacts())) {
            for (int i = 0; i < frames; i++) {
                producer.send(new Frame(camera, i, Instant.now(), CaptureTimeSource.HOST, width, height, contentType,
                        encoded));
            }
        }
    }

    /** Waits (at most ten minutes) until {@code counter} reaches {@code expected}. */
    private static void await(AtomicLong counter, long expected, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (counter.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + counter.get() + " of " + expected + " results on " + topic
                        + " arrived");
            }
            Thread.sleep(20);
        }
    }
}
