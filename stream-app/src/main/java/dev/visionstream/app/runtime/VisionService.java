package dev.visionstream.app.runtime;

import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.metrics.VisionMetrics;
import dev.visionstream.app.stages.StageRegistry;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.VisionTopology;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.S3ArtifactStore;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.ErrorEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * One running instance of the service against a Kafka cluster: topics ensured, topology started, metrics served.
 * The same class runs the embedded demo, {@code vision run} against a real cluster, the benchmark and the tests.
 */
public final class VisionService implements AutoCloseable {
    private final VisionMetrics metrics = new VisionMetrics();
    private final ArtifactStore artifacts;
    private final OutageReporter outages;
    private final VisionStreamApp app;
    private final int metricsPort;

    private VisionService(Map<String, Object> client, ServiceOptions options) {
        this.artifacts = options.artifactStore().open(options.artifactDir());
        VisionTopology topology = new VisionTopology(StageRegistry.defaults(artifacts, options.stages()),
                new BoundedImageDecoder(options.maxPixels(), options.maxFrameBytes()), artifacts::get, this::observe);
        this.outages = new OutageReporter(client);
        this.app = new VisionStreamApp(topology.build(), StreamsSettings.of(client, options.applicationId(),
                options.stateDir(), options.threads(), options.commitInterval()), outages::report);
        metrics.bindStreams(app.streams());
        this.metricsPort = options.metricsPort() < 0 ? -1 : metrics.startServer(options.metricsPort());
    }

    /** Creates missing topics, then starts the topology and waits until it runs. */
    public static VisionService start(Map<String, Object> client, ServiceOptions options, Duration timeout)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(client)) {
            TopicSetup.ensure(admin, TopicCatalog.specs(options.partitions()));
        }
        VisionService service = new VisionService(client, options);
        try {
            service.app.start(timeout);
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void observe(Publication publication) {
        if (publication.event() instanceof ErrorEvent error) {
            metrics.recordError(error.stage(), error.reason().name());
        } else {
            metrics.recordEvent(publication.event().stage(), publication.event().source().cameraId(),
                    publication.event().captureTime().toEpochMilli(), publication.event().emitTime().toEpochMilli());
        }
    }

    /**
     * Waits until the topology's camera-config table holds every given camera, so frames sent afterwards are
     * routed by that config rather than reported as unknown.
     */
    public void awaitCameras(Duration timeout, String... cameraIds) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : cameraIds) {
            while (configStore().get(id) == null) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("camera config of '" + id + "' not visible after " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<String>> configStore() {
        return app.streams().store(StoreQueryParameters.fromNameAndType(VisionTopology.CAMERA_CONFIG_STORE,
                QueryableStoreTypes.timestampedKeyValueStore()));
    }

    public VisionMetrics metrics() {
        return metrics;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    /** The bound Prometheus port, or -1 when no endpoint is served. */
    public int metricsPort() {
        return metricsPort;
    }

    @Override
    public void close() {
        app.close();
        outages.close();
        metrics.close();
        if (artifacts instanceof S3ArtifactStore s3) {
            s3.close();
        }
    }
}
