package dev.visionstream.app.metrics;

/**
 * Exact latency percentiles, in milliseconds, over the values a {@link LatencyReservoir} holds.
 * With no samples every percentile is {@code NaN}.
 */
public record LatencyQuantiles(long samples, double p50Millis, double p95Millis, double p99Millis) {

    public static final LatencyQuantiles NONE = new LatencyQuantiles(0, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return samples == 0;
    }
}
