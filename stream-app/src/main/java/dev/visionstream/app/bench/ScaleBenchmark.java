package dev.visionstream.app.bench;

import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput of one service instance against two with the same application id on an 8-partition frames topic:
 * the same frames, produced after the instances run, timed from the first send to the last event consumed.
 */
public final class ScaleBenchmark {
    private static final int CAMERAS = 8;

    private final Path video;
    private final Path workDir;
    private final PrintStream out;

    public ScaleBenchmark(Path video, Path workDir, PrintStream out) {
        this.video = video;
        this.workDir = workDir;
        this.out = out;
    }

    public void run(int framesPerCamera) throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = FrameSources.open(video, "scale", SourceOptions.defaults())) {
            for (Optional<Frame> f = source.next(); f.isPresent() && frames.size() < framesPerCamera;
                    f = source.next()) {
                frames.add(f.get());
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = new HashMap<>(broker.clientProperties());
            // each run's new application id starts at the end of the frames topic, so runs do not see each other's
            // frames
            client.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "latest");
            List<CameraConfig> cameras = new ArrayList<>();
            for (int c = 0; c < CAMERAS; c++) {
                cameras.add(new CameraConfig("scale-" + c, List.of(CameraHealthStage.NAME), "replay",
                        new HealthThresholds(null, null, null, null, null, null, 600.0), null, null, null, null));
            }
            try (Admin admin = Admin.create(client)) { // the tap below needs the topics to exist
                TopicSetup.ensure(admin, TopicCatalog.specs(8));
            }
            AtomicLong events = new AtomicLong();
            try (EventTap tap = new EventTap(broker.clientProperties(), List.of(Topics.CAMERA_HEALTH),
                    (topic, key, json, at) -> events.incrementAndGet())) {
                double one = timedRun(client, cameras, frames, events, 1, "vision-scale-1");
                double two = timedRun(client, cameras, frames, events, 2, "vision-scale-2");
                out.printf("scale: 1 instance %.1f frames/s, 2 instances %.1f frames/s, speed-up %.2f on %d cores%n",
                        one, two, two / one, Runtime.getRuntime().availableProcessors());
            }
        }
    }

    private double timedRun(Map<String, Object> client, List<CameraConfig> cameras, List<Frame> frames,
                            AtomicLong events, int instances, String applicationId) throws Exception {
        List<VisionService> services = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                services.add(VisionService.start(client, ServiceOptions.builder().applicationId(applicationId)
                        .stateDir(workDir.resolve(applicationId + "-" + i))
                        .artifactDir(workDir.resolve("artifacts"))
                        .partitions(8)
                        .build(), Duration.ofMinutes(2)));
            }
            CameraRegistry.publish(client, cameras.toArray(CameraConfig[]::new));
            services.get(0).awaitCameras(Duration.ofSeconds(30),
                    cameras.stream().map(CameraConfig::cameraId).toArray(String[]::new));
            Thread.sleep(3_000); // let the group settle, so the run measures processing, not a rebalance
            long expected = events.get() + (long) cameras.size() * frames.size();
            Properties p = new Properties();
            p.putAll(client);
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
            long start = System.nanoTime();
            try (FrameProducer producer = FrameProducer.create(p, services.get(0).artifacts())) {
                for (Frame f : frames) {
                    for (CameraConfig camera : cameras) {
                        producer.send(new Frame(camera.cameraId(), f.sequence(), f.captureTime(), f.captureTimeSource(),
                                f.width(), f.height(), f.contentType(), f.bytes()));
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (events.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long processed = cameras.size() * frames.size() - Math.max(0, expected - events.get());
            out.printf("scale: %d instance(s): %d frames in %.2f s = %.1f frames/s%n", instances, processed, seconds,
                    processed / seconds);
            return processed / seconds;
        } finally {
            services.forEach(VisionService::close);
        }
    }
}
