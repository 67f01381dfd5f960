package dev.visionstream.app.metrics;

import java.util.Arrays;

/**
 * The most recent latencies of one stage, kept exactly so that percentiles are true values rather than the bucket
 * interpolations a Prometheus histogram gives. A ring buffer bounds memory on long runs: once full, each new value
 * replaces the oldest.
 */
final class LatencyReservoir {

    private final long[] values;
    private int next;
    private int size;

    LatencyReservoir(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.values = new long[capacity];
    }

    synchronized void add(long latencyMillis) {
        values[next] = latencyMillis;
        next = (next + 1) % values.length;
        if (size < values.length) {
            size++;
        }
    }

    /** Nearest-rank percentiles: each one is a value that was actually recorded. */
    LatencyQuantiles quantiles() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(values, size);
        }
        if (sorted.length == 0) {
            return LatencyQuantiles.NONE;
        }
        Arrays.sort(sorted);
        return new LatencyQuantiles(sorted.length,
                nearestRank(sorted, 0.50), nearestRank(sorted, 0.95), nearestRank(sorted, 0.99));
    }

    private static double nearestRank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
