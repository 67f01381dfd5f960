package dev.visionstream.app.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The service's metrics: capture-to-event latency, frames and errors per stage, and Kafka Streams' own metrics,
 * served to Prometheus over HTTP and summarised in-process for the demo and benchmarks.
 * <p>
 * Each instance owns its registry, so several instances (tests, two apps in one JVM) never see each other's series.
 * Recording methods are safe to call from any number of stream threads.
 */
public final class VisionMetrics implements AutoCloseable {

    public static final String LATENCY_METRIC = "vision_capture_to_event_latency_seconds";
    public static final String FRAMES_METRIC = "vision_frames_total";
    public static final String ERRORS_METRIC = "vision_errors_total";

    /** Latencies kept per stage for exact percentiles: enough for minutes of video at camera rates. */
    static final int RESERVOIR_CAPACITY = 100_000;

    /** 1 ms to 10 s: from a fast CPU stage on a small frame to a slow multi-view splat on a busy host. */
    private static final double[] LATENCY_BUCKETS_SECONDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final LongSupplier nanoClock;
    private final Histogram latency;
    private final Counter frames;
    private final Counter errors;

    private final ConcurrentMap<String, LatencyReservoir> latencyByStage = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, ThroughputMeter> throughputByStage = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<StageCamera, ThroughputMeter> throughputByStageCamera = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> errorsByReason = new ConcurrentSkipListMap<>();

    private MultiCollector streamsCollector;
    private HTTPServer server;

    public VisionMetrics() {
        this(System::nanoTime);
    }

    /** @param nanoClock monotonic time source for the in-process frame rates (tests pass a fake one) */
    VisionMetrics(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.latency = Histogram.builder()
                .name(LATENCY_METRIC)
                .unit(Unit.SECONDS)
                .help("Time from frame capture (camera clock) to result event emission")
                .labelNames("stage", "camera")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS_SECONDS)
                .register(registry);
        this.frames = Counter.builder()
                .name(FRAMES_METRIC)
                .help("Frames that produced a result event, by stage and camera")
                .labelNames("stage", "camera")
                .register(registry);
        this.errors = Counter.builder()
                .name(ERRORS_METRIC)
                .help("Records routed to the error topic, by stage and reason code")
                .labelNames("stage", "reason")
                .register(registry);
    }

    /** The registry behind {@code /metrics}, for registering further collectors. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Records one result event of {@code stage} for a frame of {@code cameraId}. A capture time ahead of the emit
     * time (camera clock ahead of the host's) counts as zero latency rather than a negative one.
     */
    public void recordEvent(String stage, String cameraId, long captureTimeMillis, long emitTimeMillis) {
        long latencyMillis = Math.max(0, emitTimeMillis - captureTimeMillis);
        latency.labelValues(stage, cameraId).observe(Unit.millisToSeconds(latencyMillis));
        frames.labelValues(stage, cameraId).inc();
        latencyByStage.computeIfAbsent(stage, s -> new LatencyReservoir(RESERVOIR_CAPACITY)).add(latencyMillis);
        throughputByStage.computeIfAbsent(stage, s -> new ThroughputMeter(nanoClock)).recordFrame();
        throughputByStageCamera.computeIfAbsent(new StageCamera(stage, cameraId), k -> new ThroughputMeter(nanoClock))
                .recordFrame();
    }

    /** Records one record of {@code stage} that became an error event with reason code {@code reason}. */
    public void recordError(String stage, String reason) {
        errors.labelValues(stage, reason).inc();
        errorsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /**
     * Exposes {@code streams.metrics()} on every scrape. Binding another instance (say, after the app rebuilt its
     * topology) replaces the previous one.
     */
    public synchronized void bindStreams(KafkaStreams streams) {
        if (streamsCollector != null) {
            registry.unregister(streamsCollector);
        }
        streamsCollector = KafkaStreamsMetricsCollector.of(streams);
        registry.register(streamsCollector);
    }

    /**
     * Serves {@code /metrics} from this registry on all interfaces.
     *
     * @param port the port, or 0 for any free one
     * @return the port actually bound
     */
    public synchronized int startServer(int port) {
        if (server != null) {
            throw new IllegalStateException("metrics server already listening on port " + server.getPort());
        }
        try {
            server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
        return server.getPort();
    }

    /** Exact p50/p95/p99 over the last {@value #RESERVOIR_CAPACITY} latencies of {@code stage}. */
    public LatencyQuantiles latencyQuantiles(String stage) {
        LatencyReservoir reservoir = latencyByStage.get(stage);
        return reservoir == null ? LatencyQuantiles.NONE : reservoir.quantiles();
    }

    public long frameCount(String stage) {
        ThroughputMeter meter = throughputByStage.get(stage);
        return meter == null ? 0 : meter.frames();
    }

    /** Frames of {@code stage} per second since its first frame. */
    public double framesPerSecond(String stage) {
        ThroughputMeter meter = throughputByStage.get(stage);
        return meter == null ? 0.0 : meter.framesPerSecond();
    }

    /** Frames of {@code stage} from {@code cameraId} per second since that camera's first frame in the stage. */
    public double framesPerSecond(String stage, String cameraId) {
        ThroughputMeter meter = throughputByStageCamera.get(new StageCamera(stage, cameraId));
        return meter == null ? 0.0 : meter.framesPerSecond();
    }

    public long errorCount() {
        return errorsByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * One line for logs and the demo, stages and reasons in name order, e.g.
     * {@code metrics: camera-health 795 frames @ 61.2 fps, latency p50 12 ms p95 30 ms p99 45 ms; errors 1
     * (UNDECODABLE_FRAME 1)}.
     */
    public String summaryLine() {
        List<String> parts = new ArrayList<>();
        for (String stage : throughputByStage.keySet()) {
            LatencyQuantiles q = latencyQuantiles(stage);
            parts.add(String.format(Locale.ROOT, "%s %d frames @ %.1f fps, latency p50 %.0f ms p95 %.0f ms p99 %.0f ms",
                    stage, frameCount(stage), framesPerSecond(stage), q.p50Millis(), q.p95Millis(), q.p99Millis()));
        }
        if (parts.isEmpty()) {
            parts.add("no frames");
        }
        StringBuilder errorPart = new StringBuilder("errors ").append(errorCount());
        if (!errorsByReason.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            for (Map.Entry<String, LongAdder> entry : errorsByReason.entrySet()) {
                reasons.add(entry.getKey() + " " + entry.getValue().sum());
            }
            errorPart.append(" (").append(String.join(", ", reasons)).append(')');
        }
        parts.add(errorPart.toString());
        return "metrics: " + String.join("; ", parts);
    }

    /** Stops the HTTP server, if started. Recorded values stay readable. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private record StageCamera(String stage, String camera) {
    }
}
