package dev.visionstream.app.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameEncoder;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSentListener;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.ingest.VideoFileSource;
import dev.visionstream.ingest.live.CameraStats;
import dev.visionstream.ingest.live.IngestEvents;
import dev.visionstream.ingest.live.LiveCamera;
import dev.visionstream.ingest.live.MjpegServer;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraSource;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code vision bench ingest}: on an embedded broker,
 * <ol>
 *   <li>frames/s of one camera's decode + JPEG encode + produce on one thread (a 768x576 video read as fast as
 *       possible), and that thread's CPU time per frame, hence how many 10 fps cameras one core sustains;</li>
 *   <li>receive-to-produce latency p50/p99 of a live camera (the project's HTTP MJPEG server at 25 fps, live policy)
 *       and its dropped frames.</li>
 * </ol>
 */
public final class IngestBenchmark {
    private final Path video;
    private final Path workDir;
    private final PrintStream out;

    public IngestBenchmark(Path video, Path workDir, PrintStream out) {
        this.video = video;
        this.workDir = workDir;
        this.out = out;
    }

    public void run(int frames, Duration liveDuration) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(workDir.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicCatalog.specs(TopicCatalog.DEFAULT_PARTITIONS));
            }
            Properties settings = new Properties();
            settings.putAll(client);
            settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
            try (FrameProducer producer = FrameProducer.create(settings,
                    new LocalArtifactStore(workDir.resolve("a")))) {
                throughput(producer, Math.min(frames, 50), false); // warm-up: JIT, codec, producer metadata
                throughput(producer, frames, true);
                liveLatency(producer, liveDuration);
            }
        }
    }

    private void throughput(FrameProducer producer, int frames, boolean print) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sent = 0;
        int width = 0;
        int height = 0;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long processCpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (VideoFileSource source = new VideoFileSource(video, "bench", Instant.now(),
                new FrameEncoder())) {
            while (sent < frames) {
                Optional<Frame> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                producer.send(next.get());
                width = next.get().width();
                height = next.get().height();
                sent++;
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPerFrame = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 / Math.max(1, sent);
        double processCpuPerFrame = (os.getProcessCpuTime() - processCpuStart) / 1e9 / Math.max(1, sent);
        if (print) {
            out.printf("ingest: decode + encode + produce, %d frames at %dx%d: %.1f frames/s per camera (one thread)%n",
                    sent, width, height, sent / seconds);
            // the whole process includes the in-process broker and FFmpeg's decoder threads: a conservative figure
            out.printf("ingest: %.1f ms CPU per frame in the whole process (broker included) -> one core sustains "
                    + "%.1f cameras at 10 fps; the camera thread alone: %.1f ms -> %.1f cameras%n",
                    processCpuPerFrame * 1000, 1 / (processCpuPerFrame * 10), cpuPerFrame * 1000,
                    1 / (cpuPerFrame * 10));
        }
    }

    private void liveLatency(FrameProducer producer, Duration duration) throws Exception {
        List<byte[]> jpegs = new ArrayList<>();
        try (VideoFileSource source = new VideoFileSource(video, "serve", Instant.now(),
                new FrameEncoder())) {
            for (Optional<Frame> f = source.next(); f.isPresent() && jpegs.size() < 100; f = source.next()) {
                jpegs.add(f.get().bytes());
            }
        }
        try (MjpegServer server = new MjpegServer(jpegs, 25)) {
            server.start(0);
            CameraConfig config = new CameraConfig("bench-live", List.of(), "live", null, null, null, null, null,
                    CameraSource.of(server.url()));
            try (LiveCamera camera = new LiveCamera(config, producer, IngestEvents.NONE, FrameSentListener.NONE)) {
                camera.start();
                Thread.sleep(2_000); // connect and settle
                Thread.sleep(duration.toMillis());
                CameraStats s = camera.stats();
                out.printf("ingest: live HTTP MJPEG camera at 25 fps for %d s: %d frames produced, %d dropped; "
                                + "receive-to-produce latency p50 %.1f ms, p99 %.1f ms%n", duration.toSeconds() + 2,
                        s.produced(), s.dropped(), s.latencyMillis(0.5), s.latencyMillis(0.99));
            }
        }
    }
}
