package dev.visionstream.app.runtime;

import dev.visionstream.models.image.BoundedImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one instance of the service runs. Built with {@link #builder(Path)}, whose defaults are the service's.
 *
 * @param applicationId  Kafka Streams {@code application.id}; instances with the same id share the work
 * @param stateDir       local state stores
 * @param artifactDir    the local artifact store (claim-checked frames, overlays, scenes)
 * @param artifactStore  whether artifacts go to {@code artifactDir} (the default) or to an S3 bucket
 * @param metricsPort    Prometheus port; 0 picks a free one, a negative value serves no endpoint
 * @param partitions     partitions of the topics the service creates
 * @param threads        stream threads
 * @param commitInterval Kafka Streams commit interval in ms; bounds what read_committed consumers wait for
 * @param maxPixels      frames declaring more pixels are refused before decoding (decompression bombs)
 * @param maxFrameBytes  encoded frames (in-band or claim-checked) over this size are refused
 * @param stages         what the model stages load
 */
public record ServiceOptions(String applicationId, Path stateDir, Path artifactDir,
                             ArtifactStoreSettings artifactStore, int metricsPort, int partitions, int threads,
                             long commitInterval, long maxPixels, int maxFrameBytes, StageSettings stages) {
    public static final int DEFAULT_PARTITIONS = 4;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    /** The defaults, state and artifacts under {@code workDir}. */
    public static ServiceOptions defaults(Path workDir) {
        return builder(workDir).build();
    }

    /** A builder with the defaults: state in {@code workDir/streams}, artifacts in {@code workDir/artifacts}. */
    public static Builder builder(Path workDir) {
        return builder().stateDir(workDir.resolve("streams")).artifactDir(workDir.resolve("artifacts"));
    }

    /** A builder with the defaults and no directories yet: set {@code stateDir} and {@code artifactDir}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** One {@code name = value} line per option, for {@code --print-config}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(List.of("application.id = " + applicationId, "state.dir = " + stateDir));
        lines.addAll(artifactStore.describe(artifactDir));
        lines.addAll(List.of("metrics.port = " + (metricsPort < 0 ? "off" : metricsPort),
                "partitions = " + partitions, "threads = " + threads, "commit.interval.ms = " + commitInterval,
                "max.pixels = " + maxPixels, "max.frame.bytes = " + maxFrameBytes));
        return lines;
    }

    public static final class Builder {
        private String applicationId = StreamsSettings.DEFAULT_APPLICATION_ID;
        private Path stateDir;
        private Path artifactDir;
        private ArtifactStoreSettings artifactStore = ArtifactStoreSettings.local();
        private int metricsPort = -1;
        private int partitions = DEFAULT_PARTITIONS;
        private int threads = 1;
        private long commitInterval = DEFAULT_COMMIT_INTERVAL_MS;
        private long maxPixels = BoundedImageDecoder.DEFAULT_MAX_PIXELS;
        private int maxFrameBytes = BoundedImageDecoder.DEFAULT_MAX_BYTES;
        private StageSettings stages = StageSettings.defaults();

        private Builder() {
        }

        private Builder(ServiceOptions o) {
            applicationId = o.applicationId;
            stateDir = o.stateDir;
            artifactDir = o.artifactDir;
            artifactStore = o.artifactStore;
            metricsPort = o.metricsPort;
            partitions = o.partitions;
            threads = o.threads;
            commitInterval = o.commitInterval;
            maxPixels = o.maxPixels;
            maxFrameBytes = o.maxFrameBytes;
            stages = o.stages;
        }

        public Builder applicationId(String id) {
            this.applicationId = id;
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder artifactDir(Path dir) {
            this.artifactDir = dir;
            return this;
        }

        /** Where artifacts go; the default is the local folder {@code artifactDir}. */
        public Builder artifactStore(ArtifactStoreSettings settings) {
            this.artifactStore = settings;
            return this;
        }

        public Builder metricsPort(int port) {
            this.metricsPort = port;
            return this;
        }

        public Builder partitions(int count) {
            this.partitions = count;
            return this;
        }

        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        public Builder commitInterval(long ms) {
            this.commitInterval = ms;
            return this;
        }

        public Builder maxPixels(long pixels) {
            this.maxPixels = pixels;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder stages(StageSettings settings) {
            this.stages = settings;
            return this;
        }

        public ServiceOptions build() {
            if (stateDir == null || artifactDir == null) {
                throw new IllegalStateException("service options need a state dir and an artifact dir");
            }
            return new ServiceOptions(applicationId, stateDir, artifactDir, artifactStore, metricsPort, partitions,
                    threads, commitInterval, maxPixels, maxFrameBytes, stages);
        }
    }
}
