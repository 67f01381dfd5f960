package dev.visionstream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.console.VisionConsole;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.IngestRun;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.models.health.CameraHealthRules;
import dev.visionstream.models.health.CameraHealthState;
import dev.visionstream.models.health.FrameObservation;
import dev.visionstream.models.health.HealthEvaluation;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.LumaImage;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Measures what Kafka costs the pipeline: the same frames decoded and health-evaluated in a plain loop, then
 * through producer, broker, Kafka Streams (exactly-once) and a read_committed consumer; then end-to-end latency of
 * a replay paced at a fixed frame rate.
 */
public final class PipelineBenchmark {
    private final Path video;
    private final Path workDir;
    private final PrintStream out;

    public PipelineBenchmark(Path video, Path workDir, PrintStream out) {
        this.video = video;
        this.workDir = workDir;
        this.out = out;
    }

    public record Result(long frames, double loopFps, double pipelineFps, double ratio, long pacedFrames,
                         double p50Ms, double p95Ms, double p99Ms) {
    }

    public Result run(int pacedFrames, double pacedFps) throws Exception {
        return run(pacedFrames, pacedFps, 0);
    }

    /** @param consoleBrowsers browsers connected to a web console while the pipeline is measured; 0 for no console */
    public Result run(int pacedFrames, double pacedFps, int consoleBrowsers) throws Exception {
        out.println("bench pipeline: " + video + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        plainLoop(); // warm-up: the JIT must have compiled decoding and the rules before anything is timed
        long[] loop = plainLoop();
        double loopFps = loop[0] / (loop[1] / 1e9);
        out.printf("plain loop  : %d frames, decode + health in %.2f s = %.1f frames/s%n",
                loop[0], loop[1] / 1e9, loopFps);

        Files.createDirectories(workDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId("vision-bench")
                    .stateDir(workDir.resolve("streams"))
                    .artifactDir(workDir.resolve("artifacts"))
                    .partitions(1)
                    .build();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2))) {
                List<String> stages = List.of(CameraHealthStage.NAME);
                HealthThresholds relaxed = new HealthThresholds(null, null, null, null, null, null, 600.0);
                CameraRegistry.publish(client,
                        new CameraConfig("bench-warmup", stages, "replay", relaxed, null, null, null, null),
                        new CameraConfig("bench", stages, "replay", relaxed, null, null, null, null),
                        new CameraConfig("bench-paced", stages, "live", relaxed, null, null, null, null));
                service.awaitCameras(Duration.ofSeconds(30), "bench-warmup", "bench", "bench-paced");
                Arrival arrival = new Arrival();
                try (EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH), arrival::onEvent);
                     VisionConsole console = consoleBrowsers > 0 ? VisionConsole.start(client, options.applicationId(),
                             service.artifacts(), workDir.resolve("no-assets"), "127.0.0.1", 0) : null;
                     ConsoleBrowsers browsers = console == null ? null
                             : new ConsoleBrowsers(console.url(), consoleBrowsers)) {
                    if (console != null) {
                        out.printf("console     : %s with %d browsers connected%n", console.url(), consoleBrowsers);
                    }
                    // the same warm-up the plain loop had: producer, broker and streams code paths compiled first
                    throughput(client, service, arrival, "bench-warmup", loop[0]);
                    double pipelineFps = throughput(client, service, arrival, "bench", loop[0]);
                    double ratio = pipelineFps / loopFps;
                    out.printf("ratio       : %.2f (pipeline / plain loop; target >= 0.8)%n", ratio);
                    double[] latency = pacedLatency(client, service, arrival, pacedFrames, pacedFps);
                    out.printf("latency     : capture -> event at a read_committed consumer, %d frames at %.0f fps: "
                                    + "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (target p99 <= 250 ms)%n",
                            pacedFrames, pacedFps, latency[0], latency[1], latency[2]);
                    out.println(service.metrics().summaryLine());
                    if (browsers != null) {
                        out.printf("console     : %d events delivered to %d browsers; the console's own threads "
                                + "used %.2f s of CPU reading events and %.2f s serving them%n", browsers.events(),
                                consoleBrowsers, ThreadCpu.seconds(ThreadCpu.CONSOLE_FEED),
                                ThreadCpu.seconds(ThreadCpu.CONSOLE_SERVER));
                    }
                    return new Result(loop[0], loopFps, pipelineFps, ratio, pacedFrames, latency[0], latency[1],
                            latency[2]);
                }
            }
        }
    }

    /** Decode every frame as ingest does, then decode and evaluate it as the stage does; returns {frames, nanos}. */
    private long[] plainLoop() throws Exception {
        BoundedImageDecoder decoder = new BoundedImageDecoder();
        HealthThresholds thresholds = HealthThresholds.DEFAULTS;
        CameraHealthState state = null;
        long frames = 0;
        long start = System.nanoTime();
        try (FrameSource source = FrameSources.open(video, "loop", SourceOptions.defaults())) {
            for (Optional<Frame> next = source.next(); next.isPresent(); next = source.next()) {
                Frame frame = next.get();
                BufferedImage image = decoder.decode(frame.bytes());
                SourceCoordinates coordinates = new SourceCoordinates("loop", Topics.FRAMES, 0, frames,
                        frame.sequence());
                HealthEvaluation evaluation = CameraHealthRules.evaluate(state, new FrameObservation(frame.sequence(),
                        image.getWidth(), image.getHeight(), LumaImage.of(image), coordinates,
                        frame.captureTime().toEpochMilli(), System.currentTimeMillis()), thresholds);
                state = evaluation.next();
                Json.MAPPER.writeValueAsBytes(new CameraHealthEvent("id", 1, CameraHealthEvent.STAGE, coordinates,
                        frame.captureTime(), Instant.now(), "ok", evaluation.findings(), evaluation.stats()));
                frames++;
            }
        }
        return new long[] {frames, System.nanoTime() - start};
    }

    private double throughput(Map<String, Object> client, VisionService service, Arrival arrival, String camera,
                              long expected) throws Exception {
        long start = System.nanoTime();
        try (FrameProducer producer = FrameProducer.create(producerSettings(client), service.artifacts());
             FrameSource source = FrameSources.open(video, camera, SourceOptions.defaults())) {
            new IngestRun(source, producer).run();
        }
        long end = arrival.await(camera, expected, Duration.ofMinutes(5));
        double seconds = (end - start) / 1e9;
        double fps = arrival.count(camera) / seconds;
        out.printf("pipeline    : %s: %d frames, producer -> broker -> streams (EOS) -> consumer in %.2f s = "
                        + "%.1f frames/s%n",
                camera, arrival.count(camera), seconds, fps);
        return fps;
    }

    /** Sends pre-encoded frames at a fixed rate, stamped with the send time, and measures capture-to-consumer time. */
    private double[] pacedLatency(Map<String, Object> client, VisionService service, Arrival arrival, int count,
                                  double fps) throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = FrameSources.open(video, "bench-paced", SourceOptions.defaults())) {
            for (Optional<Frame> next = source.next(); next.isPresent() && frames.size() < count;
                    next = source.next()) {
                frames.add(next.get());
            }
        }
        long intervalNanos = (long) (1e9 / fps);
        try (FrameProducer producer = FrameProducer.create(producerSettings(client), service.artifacts())) {
            long start = System.nanoTime();
            for (int i = 0; i < frames.size(); i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Frame f = frames.get(i);
                producer.send(new Frame(f.cameraId(), f.sequence(), Instant.now(), f.captureTimeSource(), f.width(),
                        f.height(), f.contentType(), f.bytes()));
            }
        }
        arrival.await("bench-paced", frames.size(), Duration.ofMinutes(2));
        double[] latencies = arrival.latencies("bench-paced");
        Arrays.sort(latencies);
        return new double[] {quantile(latencies, 0.50), quantile(latencies, 0.95), quantile(latencies, 0.99)};
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static Properties producerSettings(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        return p;
    }

    /** Counts events per camera as they reach the consumer and keeps capture-to-arrival times. */
    private static final class Arrival {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
        private volatile long lastArrivalNanos;

        void onEvent(String topic, String key, String json, long receivedAtMs) {
            try {
                JsonNode event = Json.MAPPER.readTree(json);
                if (event.get("frame") == null) {
                    return; // a timer event, not a frame evaluation
                }
                String camera = event.at("/source/cameraId").asText();
                long capture = Instant.parse(event.get("captureTime").asText()).toEpochMilli();
                latencies.computeIfAbsent(camera, c -> Collections.synchronizedList(new ArrayList<>()))
                        .add((double) (receivedAtMs - capture));
                counts.computeIfAbsent(camera, c -> new AtomicLong()).incrementAndGet();
                lastArrivalNanos = System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException("unreadable health event: " + json, e);
            }
        }

        long count(String camera) {
            return counts.getOrDefault(camera, new AtomicLong()).get();
        }

        double[] latencies(String camera) {
            return latencies.getOrDefault(camera, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Waits until {@code expected} events of {@code camera} arrived; returns the nano time of the last one. */
        long await(String camera, long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count(camera) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count(camera) + " of " + expected + " events of "
                            + camera + " arrived within " + timeout);
                }
                Thread.sleep(5);
            }
            return lastArrivalNanos;
        }
    }
}
