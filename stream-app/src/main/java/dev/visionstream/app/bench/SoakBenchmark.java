package dev.visionstream.app.bench;

import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.javacpp.Pointer;

/**
 * A long paced replay through the whole service, sampling memory once a minute: heap after GC, direct buffers,
 * JavaCPP native bytes (JavaCV/FFmpeg/OpenCV) and the process resident set. Growth shows up as a trend.
 */
public final class SoakBenchmark {
    private static final int MAX_PRINTED_ERRORS = 20;
    private static final List<String> RESULT_TOPICS = List.of(Topics.CAMERA_HEALTH, Topics.COUNTS, Topics.INPAINTED,
            Topics.SPLATS, Topics.POSES, Topics.ERRORS);
    private final Path video;
    private final Path workDir;
    private final PrintStream out;

    public SoakBenchmark(Path video, Path workDir, PrintStream out) {
        this.video = video;
        this.workDir = workDir;
        this.out = out;
    }

    /**
     * Rates: video frames per second, one rig capture per {@code rigPeriodMs}, one pose frame per {@code posePeriodMs}.
     */
    public void run(Duration duration, double fps, List<String> stages, long rigPeriodMs, long posePeriodMs)
            throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = FrameSources.open(video, SoakWorkload.CAMERA, SourceOptions.defaults())) {
            for (Optional<Frame> f = source.next(); f.isPresent() && frames.size() < 250; f = source.next()) {
                frames.add(f.get());
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            ServiceOptions options = ServiceOptions.builder().applicationId("vision-soak")
                    .stateDir(workDir.resolve("streams"))
                    .artifactDir(workDir.resolve("artifacts"))
                    .partitions(1)
                    .build();
            Map<String, AtomicLong> events = new ConcurrentSkipListMap<>();
            for (String topic : RESULT_TOPICS) {
                events.put(topic, new AtomicLong());
            }
            try (VisionService service = VisionService.start(client, options, Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, RESULT_TOPICS, (topic, key, json, at) -> {
                     long n = events.get(topic).incrementAndGet();
                     if (topic.equals(Topics.ERRORS) && n <= MAX_PRINTED_ERRORS) {
                         out.println("soak: error event " + json);
                     }
                 })) {
                SoakWorkload workload = SoakWorkload.prepare(stages, frames.get(0), service.artifacts(),
                        rigPeriodMs, posePeriodMs);
                CameraRegistry.publish(client, workload.cameras().toArray(CameraConfig[]::new));
                service.awaitCameras(Duration.ofSeconds(30),
                        workload.cameras().stream().map(CameraConfig::cameraId).toArray(String[]::new));
                Properties p = new Properties();
                p.putAll(client);
                p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
                out.printf("soak: %s paced at %.1f fps for %s, stages %s%n",
                        video.getFileName(), fps, duration, stages);
                out.println("minute  frames   events   errors  heap-after-gc-MiB  direct-MiB  javacpp-MiB  rss-MiB");
                long sent = 0;
                long start = System.nanoTime();
                long interval = (long) (1e9 / fps);
                long nextFrame = start;
                long nextSample = start;
                int minute = 0;
                try (FrameProducer producer = FrameProducer.create(p, service.artifacts());
                     KafkaProducer<String, String> keypoints = new KafkaProducer<>(p, new StringSerializer(),
                             new StringSerializer())) {
                    while (System.nanoTime() - start < duration.toNanos()) {
                        long now = System.nanoTime();
                        if (now >= nextSample) {
                            sample(minute++, sent, events);
                            nextSample += 60_000_000_000L;
                        }
                        if (workload.feedsVideoCamera() && now >= nextFrame) {
                            Frame f = frames.get((int) (sent % frames.size()));
                            producer.send(new Frame(SoakWorkload.CAMERA, sent, Instant.now(), f.captureTimeSource(),
                                    f.width(), f.height(), f.contentType(), f.bytes()));
                            sent++;
                            nextFrame += interval;
                        }
                        long elapsedMs = (now - start) / 1_000_000;
                        workload.maybeSendRig(producer, frames, elapsedMs);
                        workload.maybeSendPose(keypoints, elapsedMs);
                        Thread.sleep(5);
                    }
                }
                Thread.sleep(2_000);
                sample(minute, sent, events);
                out.println("soak: " + workload.summary() + "; events per topic " + events);
                out.println(service.metrics().summaryLine());
            }
        }
    }

    private void sample(int minute, long sent, Map<String, AtomicLong> events) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long results = events.entrySet().stream().filter(e -> !e.getKey().equals(Topics.ERRORS))
                .mapToLong(e -> e.getValue().get()).sum();
        out.printf("%6d %7d %8d %8d %18.1f %11.1f %12.1f %8.1f%n", minute, sent, results,
                events.get(Topics.ERRORS).get(), heap / 1048576.0,
                direct / 1048576.0, Pointer.totalBytes() / 1048576.0,
                residentSetBytes() / 1048576.0);
    }

    /** VmRSS of this process, from /proc (Linux); 0 where unavailable. */
    private static long residentSetBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0);
    }
}
