package dev.visionstream.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.app.console.ConsoleSettings;
import dev.visionstream.app.console.VisionConsole;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.IngestRun;
import dev.visionstream.ingest.Pacing;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.ingest.replay.ReplaySpeed;
import dev.visionstream.ingest.replay.Replayer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The embedded default run: a real broker in-process, the topology, two sample cameras (the opencv-doc walkway
 * video and a misbehaving test pattern), events printed as they arrive, pictures written at the end.
 */
public final class DemoRun {
    static final String WALKWAY = "walkway";
    static final String TEST_PATTERN = "test-pattern";
    private static final int PRINT_EVERY_OK = 50;
    private static final int KEPT_FRAMES = 2000;
    private static final String EVENTS_FILE = "events.jsonl";
    private static final List<String> RESULT_TOPICS = List.of(Topics.CAMERA_HEALTH, Topics.ERRORS, Topics.COUNTS,
            Topics.SPLATS, Topics.INPAINTED, Topics.POSES);

    private final Path workDir;
    private final Path outputDir;
    private final int metricsPort;
    private final ConsoleSettings console;
    private final AfterDemo afterDemo;
    private final PrintStream out;
    private final List<CameraHealthEvent> health = new CopyOnWriteArrayList<>();
    private final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> sentFrames = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT_FRAMES;
        }
    });
    private final Map<String, AtomicLong> okCounts = new ConcurrentHashMap<>();
    private Optional<SplatDemo> splat = Optional.empty();
    private StageSettings stages;
    private InpaintingDemo inpainting;

    /** What to do with the console once the demo's events are in, before the embedded cluster goes away. */
    @FunctionalInterface
    public interface AfterDemo {
        /** @param client Kafka client settings of the embedded broker */
        void visit(VisionConsole console, Map<String, Object> client) throws Exception;
    }

    public DemoRun(Path workDir, Path outputDir, int metricsPort, PrintStream out) {
        this(workDir, outputDir, metricsPort, ConsoleSettings.NONE, null, out);
    }

    /**
     * @param console    where the web console listens, if anywhere
     * @param afterDemo  called with the console after the demo, while everything still runs; null for nothing
     */
    public DemoRun(Path workDir, Path outputDir, int metricsPort, ConsoleSettings console, AfterDemo afterDemo,
                   PrintStream out) {
        this.workDir = workDir;
        this.outputDir = outputDir;
        this.metricsPort = metricsPort;
        this.console = console;
        this.afterDemo = afterDemo;
        this.out = out;
    }

    /** The stage settings to run with (devices from the command line); the process's settings otherwise. */
    public DemoRun stages(StageSettings settings) {
        this.stages = settings;
        return this;
    }

    /** Runs the demo; returns true when every expected event arrived. */
    public boolean run(Duration timeout) throws Exception {
        Files.createDirectories(outputDir);
        // fetching the video brings every sample asset, so it goes before anything that looks for one
        Optional<Path> video = SampleMedia.vtest(true);
        inpainting = InpaintingDemo.prepare().orElse(null);
        splat = SplatDemo.prepare(out);
        if (video.isEmpty()) {
            out.println("walkway sample video unavailable: running with the test pattern camera only");
        }
        try (FreshRunDirectory run = FreshRunDirectory.under(workDir);
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(run.path().resolve("kafka")).build()) {
            broker.start();
            out.printf("kafka: embedded KRaft broker at %s (data in %s, %s, started in %d ms)%n",
                    broker.bootstrapServers(), broker.dataDir(), broker.formattedOnLastStart() ? "new" : "reused",
                    broker.startupTime().toMillis());
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder(run.path()).metricsPort(metricsPort)
                    .stages(stages != null ? stages : StageSettings.fromProcess()).build();
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS, Topics.SPLATS,
                         Topics.INPAINTED),
                         (topic, key, json, receivedAtMs) -> onEvent(topic, json));
                 VisionConsole ui = startConsole(client, options.applicationId(), service)) {
                if (service.metricsPort() > 0) {
                    out.println("metrics: http://localhost:" + service.metricsPort() + "/metrics");
                }
                if (ui != null) {
                    out.println("console: " + ui.url());
                }
                CameraConfig[] cameras = cameras(video.isPresent());
                CameraRegistry.publish(client, cameras);
                service.awaitCameras(Duration.ofSeconds(30),
                        Arrays.stream(cameras).map(CameraConfig::cameraId).toArray(String[]::new));
                if (splat.isPresent()) {
                    CameraRegistry.publish(client, splat.get().cameras());
                    service.awaitCameras(Duration.ofSeconds(30), Arrays.stream(splat.get().cameras())
                            .map(CameraConfig::cameraId).toArray(String[]::new));
                }
                if (inpainting != null) {
                    CameraConfig inpaintCamera = inpainting.camera(service.artifacts());
                    CameraRegistry.publish(client, inpaintCamera);
                    service.awaitCameras(Duration.ofSeconds(30), inpaintCamera.cameraId());
                }
                out.println("printing all alerts and errors, and every " + PRINT_EVERY_OK + "th ok evaluation");
                long expectedEvaluations = ingest(client, service, video);
                boolean complete = awaitEvents(expectedEvaluations, timeout);
                writePictures();
                int counted = new CountingDemo(out).run(client, service, outputDir, Duration.ofMinutes(2));
                out.printf("counting: %d sample images counted, density overlays in %s%n", counted, outputDir);
                if (splat.isPresent()) {
                    out.printf("pictures: %d splatting files (scene .ply, preview, renders) written to %s%n",
                            splat.get().writePictures(outputDir, service.artifacts()), outputDir);
                }
                if (inpainting != null && inpainting.writePicture(service.artifacts(), outputDir)) {
                    out.println("inpainting: input | mask | RN | Telea in "
                            + "" + outputDir.resolve("inpainting-comparison.png"));
                }
                int poses = PoseDemo.run(client, outputDir, out, Duration.ofMinutes(2));
                out.println(service.metrics().summaryLine());
                out.printf("demo: %d health evaluations, %d errors%n", health.size(), errors.size());
                out.printf("demo: pictures (PNG) in %s%n", outputDir.toAbsolutePath());
                out.printf("demo: camera-health and error events in %s; every result was on the embedded broker's "
                        + "topics %s, removed with %s%n", outputDir.resolve(EVENTS_FILE).toAbsolutePath(),
                        String.join(", ", RESULT_TOPICS), run.path());
                if (ui != null && afterDemo != null) {
                    afterDemo.visit(ui, client);
                }
                return complete && poses != 0;
            }
        }
    }

    /** The console if asked for; one that cannot listen is reported and the demo goes on without it. */
    private VisionConsole startConsole(Map<String, Object> client, String applicationId, VisionService service) {
        if (!console.enabled()) {
            return null;
        }
        try {
            return VisionConsole.start(client, applicationId, service.artifacts(), SampleMedia.assetDir(),
                    console.bind(), console.port());
        } catch (RuntimeException e) {
            out.printf("console: cannot listen on %s:%d (%s); going on without it (see --ui-port)%n", console.bind(),
                    console.port(), e.getMessage());
            return null;
        }
    }

    private static CameraConfig[] cameras(boolean withWalkway) {
        List<String> stages = List.of(CameraHealthStage.NAME);
        // the test pattern stops early: its short stall time makes the stall show within the demo
        CameraConfig pattern = new CameraConfig(TEST_PATTERN, stages, "replay",
                new HealthThresholds(5, null, null, null, null, null, 3.0), null, null, null, null);
        CameraConfig walkway = new CameraConfig(WALKWAY, stages, "replay",
                new HealthThresholds(null, null, null, null, null, null, 60.0), null, null, null, null);
        return withWalkway ? new CameraConfig[] {pattern, walkway} : new CameraConfig[] {pattern};
    }

    /** Ingests both cameras concurrently; returns how many health evaluations that must produce. */
    private long ingest(Map<String, Object> client, VisionService service, Optional<Path> video) throws Exception {
        Properties producerSettings = new Properties();
        producerSettings.putAll(client);
        producerSettings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        AtomicLong walkwayFrames = new AtomicLong();
        try (FrameProducer producer = FrameProducer.create(producerSettings, service.artifacts())) {
            Thread walkway = new Thread(() -> {
                if (video.isEmpty()) {
                    return;
                }
                // the same replay code as `vision replay`, as fast as the pipeline takes it, so stamped as it is sent
                try {
                    walkwayFrames.set(new Replayer(() -> new LiveStampedInput(ReplayInput.open(video.get(), WALKWAY,
                            SourceOptions.defaults())), producer, ReplaySpeed.MAX, false, false,
                            (frame, delivery, sent, total) -> keep(frame)).run());
                } catch (IOException e) {
                    out.println("walkway ingest failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ingest-walkway");
            walkway.start();
            splat.ifPresent(rig -> rig.ingest(producer));
            if (inpainting != null) {
                inpainting.send(producer);
            }
            // paced at its own rate from now, the pattern's capture times never run ahead of the clock
            try (FrameSource pattern = new TestPatternSource(TEST_PATTERN, Instant.now())) {
                new IngestRun(pattern, producer, Pacing.SOURCE_RATE, IngestRun.ALL_FRAMES,
                        (frame, delivery) -> keep(frame)).run();
            }
            walkway.join();
        }
        long patternFrames = TestPatternSource.LAST_SEQUENCE + 1 - 3 /* gap */ - 1 /* corrupt */;
        out.printf("ingested: %s %d frames, %s %d frames (one corrupt)%n", WALKWAY, walkwayFrames.get(),
                TEST_PATTERN, patternFrames + 1);
        return walkwayFrames.get() + patternFrames;
    }

    private void keep(Frame frame) {
        sentFrames.put(frame.cameraId() + "#" + frame.sequence(), frame.bytes());
    }

    private boolean awaitEvents(long expectedEvaluations, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long evaluations = health.stream().filter(e -> e.frame() != null).count();
            boolean stall = health.stream().anyMatch(e -> e.source().cameraId().equals(TEST_PATTERN)
                    && e.findings().stream().anyMatch(f -> f.kind() == HealthKind.STALL));
            if (evaluations >= expectedEvaluations && stall && !errors.isEmpty()
                    && splat.map(SplatDemo::complete).orElse(true)
                    && (inpainting == null || inpainting.done())) {
                return true;
            }
            Thread.sleep(100);
        }
        out.printf("demo: timed out waiting for events (%d of %d evaluations)%n",
                health.stream().filter(e -> e.frame() != null).count(), expectedEvaluations);
        return false;
    }

    private void onEvent(String topic, String json) {
        try {
            if (topic.equals(Topics.SPLATS)) {
                if (splat.isPresent()) {
                    splat.get().onSplat(json);
                }
            } else if (topic.equals(Topics.INPAINTED)) {
                if (inpainting != null) {
                    inpainting.accept(json, out);
                }
            } else if (topic.equals(Topics.ERRORS)) {
                ErrorEvent e = Json.MAPPER.readValue(json, ErrorEvent.class);
                errors.add(e);
                out.printf("[%s] %s #%s %s: %s%n", topic, e.source().cameraId(), e.source().sequence(), e.reason(),
                        e.message());
            } else {
                CameraHealthEvent e = Json.MAPPER.readValue(json, CameraHealthEvent.class);
                health.add(e);
                long ok = e.findings().isEmpty()
                        ? okCounts.computeIfAbsent(e.source().cameraId(), c -> new AtomicLong()).incrementAndGet() : 0;
                if (!e.findings().isEmpty()) {
                    e.findings().forEach(f -> out.printf("[%s] %s #%s ALERT %s: %s%n", topic, e.source().cameraId(),
                            e.source().sequence(), f.kind(), f.message()));
                } else if (ok % PRINT_EVERY_OK == 1) {
                    out.printf("[%s] %s #%s ok (mean luma %.0f, %d ok so far)%n", topic, e.source().cameraId(),
                            e.source().sequence(), e.frame().meanLuma(), ok);
                }
            }
        } catch (JsonProcessingException e) {
            out.println("[" + topic + "] unreadable event: " + e.getOriginalMessage());
        }
    }

    /** A timeline per camera, a snapshot of the first frame of each alert kind, and every event as JSON lines. */
    private void writePictures() throws IOException {
        Map<String, List<CameraHealthEvent>> byCamera = new LinkedHashMap<>();
        health.forEach(e -> byCamera.computeIfAbsent(e.source().cameraId(), c -> new ArrayList<>()).add(e));
        int pictures = 0;
        for (Map.Entry<String, List<CameraHealthEvent>> camera : byCamera.entrySet()) {
            ImageIO.write(HealthTimelineChart.render(camera.getKey(), camera.getValue(), 1000, 420), "png",
                    outputDir.resolve(camera.getKey() + "-health-timeline.png").toFile());
            pictures++;
            Map<HealthKind, Boolean> shown = new EnumMap<>(HealthKind.class);
            for (CameraHealthEvent e : camera.getValue()) {
                HealthKind first = e.findings().isEmpty() ? null : e.findings().get(0).kind();
                byte[] frame = sentFrames.get(camera.getKey() + "#" + e.source().sequence());
                if (first == null || shown.putIfAbsent(first, true) != null || frame == null) {
                    continue;
                }
                var image = ImageIO.read(new ByteArrayInputStream(frame));
                ImageIO.write(AlertSnapshot.render(image, camera.getKey() + " #" + e.source().sequence(), e.findings()),
                        "png", outputDir.resolve(camera.getKey() + "-alert-" + first.name().toLowerCase() + ".png")
                                .toFile());
                pictures++;
            }
        }
        try (Writer w = Files.newBufferedWriter(outputDir.resolve(EVENTS_FILE), StandardCharsets.UTF_8)) {
            for (Object e : health) {
                w.write(Json.MAPPER.writeValueAsString(e) + "\n");
            }
            for (Object e : errors) {
                w.write(Json.MAPPER.writeValueAsString(e) + "\n");
            }
        }
        out.printf("pictures: %d written to %s (plus %s)%n", pictures, outputDir, EVENTS_FILE);
    }
}
