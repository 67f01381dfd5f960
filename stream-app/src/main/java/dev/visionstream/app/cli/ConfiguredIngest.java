package dev.visionstream.app.cli;

import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSentListener;
import dev.visionstream.ingest.live.CameraConfigFeed;
import dev.visionstream.ingest.live.CameraStats;
import dev.visionstream.ingest.live.IngestSupervisor;
import dev.visionstream.ingest.live.KafkaIngestEvents;
import dev.visionstream.ingest.live.LiveCamera;
import dev.visionstream.schemas.CameraConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code vision ingest --config FILE}: publishes the file's cameras to {@code vision.cameras} (so the topology knows
 * them), then ingests every camera with a source, following the topic for cameras added, changed or removed at
 * run time (unless told not to), until interrupted. Prints a line per camera every 10 s.
 */
final class ConfiguredIngest {
    private static final long REPORT_EVERY_MS = 10_000;

    private final KafkaClientSettings settings;
    private final Path configFile;
    private final List<CameraConfig> cameras;
    private final boolean watch;
    private final Path artifactDir;

    /** {@code cameras} are the ones read from {@code configFile}. */
    ConfiguredIngest(KafkaClientSettings settings, Path configFile, List<CameraConfig> cameras, boolean watch,
                     Path artifactDir) {
        this.settings = settings;
        this.configFile = configFile;
        this.cameras = cameras;
        this.watch = watch;
        this.artifactDir = artifactDir;
    }

    int run() throws Exception {
        Map<String, Object> client = settings.toClientConfig();
        CameraRegistry.publish(client, cameras.toArray(CameraConfig[]::new));
        ArtifactStore artifacts = ArtifactStoreSettings.fromProcess().open(artifactDir);
        Properties producerSettings = settings.toProperties();
        producerSettings.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (FrameProducer producer = FrameProducer.create(producerSettings, artifacts);
             KafkaIngestEvents events = new KafkaIngestEvents(client);
             IngestSupervisor supervisor = new IngestSupervisor(producer, events, FrameSentListener.NONE)) {
            CameraConfigFeed feed = null;
            if (watch) {
                feed = new CameraConfigFeed(client, supervisor, events);
            } else {
                cameras.forEach(supervisor::apply);
            }
            System.err.printf("vision ingest: %d camera(s) from %s%s; Ctrl-C to stop%n", cameras.size(), configFile,
                    watch ? ", following vision.cameras" : "");
            try {
                while (!stop.await(REPORT_EVERY_MS, TimeUnit.MILLISECONDS)) {
                    for (Map.Entry<String, LiveCamera> c : supervisor.cameras().entrySet()) {
                        CameraStats s = c.getValue().stats();
                        System.err.printf("  %s: %s, latency p50 %.0f ms p99 %.0f ms%n", c.getKey(), s,
                                s.latencyMillis(0.5), s.latencyMillis(0.99));
                    }
                }
            } finally {
                if (feed != null) {
                    feed.close();
                }
            }
        }
        return 0;
    }
}
