package dev.visionstream.app.runtime;

import dev.visionstream.models.image.BoundedImageDecoder;
import java.nio.file.Path;

/**
 * How one instance of the service runs.
 *
 * @param metricsPort    Prometheus port; 0 picks a free one, a negative value serves no endpoint
 * @param commitInterval Kafka Streams commit interval in ms; bounds what read_committed consumers wait for
 * @param maxPixels      frames declaring more pixels are refused before decoding (decompression bombs)
 * @param maxFrameBytes  encoded frames (in-band or claim-checked) over this size are refused
 */
public record ServiceOptions(String applicationId, Path stateDir, Path artifactDir, int metricsPort, int partitions,
                             int threads, long commitInterval, long maxPixels, int maxFrameBytes) {

    public ServiceOptions(String applicationId, Path stateDir, Path artifactDir, int metricsPort, int partitions,
                          int threads, long commitInterval, long maxPixels) {
        this(applicationId, stateDir, artifactDir, metricsPort, partitions, threads, commitInterval, maxPixels,
                BoundedImageDecoder.DEFAULT_MAX_BYTES);
    }

    public static ServiceOptions defaults(Path workDir) {
        return new ServiceOptions(StreamsSettings.DEFAULT_APPLICATION_ID, workDir.resolve("streams"),
                workDir.resolve("artifacts"), -1, 4, 1, 100, BoundedImageDecoder.DEFAULT_MAX_PIXELS);
    }

    public ServiceOptions withMetricsPort(int port) {
        return new ServiceOptions(applicationId, stateDir, artifactDir, port, partitions, threads, commitInterval,
                maxPixels, maxFrameBytes);
    }

    public ServiceOptions withLimits(long pixels, int frameBytes) {
        return new ServiceOptions(applicationId, stateDir, artifactDir, metricsPort, partitions, threads,
                commitInterval, pixels, frameBytes);
    }
}
