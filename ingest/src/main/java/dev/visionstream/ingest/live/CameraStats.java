package dev.visionstream.ingest.live;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one camera, readable from any thread; latencies are kept in a ring of the most recent
 * {@value #LATENCY_WINDOW} frames for quantiles.
 */
public final class CameraStats {
    static final int LATENCY_WINDOW = 4096;

    final AtomicLong decoded = new AtomicLong();
    final AtomicLong produced = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong skippedByCap = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong failedConnects = new AtomicLong();
    private final long[] latencyNanos = new long[LATENCY_WINDOW];
    private long latencyCount;

    /** Frames decoded from the source. */
    public long decoded() {
        return decoded.get();
    }

    /** Frames handed to the producer. */
    public long produced() {
        return produced.get();
    }

    /** Frames the live policy dropped because producing fell behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Frames left out to honour the frame-rate cap. */
    public long skippedByCap() {
        return skippedByCap.get();
    }

    public long connects() {
        return connects.get();
    }

    public long disconnects() {
        return disconnects.get();
    }

    public long stalls() {
        return stalls.get();
    }

    public long failedConnects() {
        return failedConnects.get();
    }

    synchronized void recordLatency(long nanos) {
        latencyNanos[(int) (latencyCount++ % LATENCY_WINDOW)] = nanos;
    }

    /** The {@code q}-quantile (0..1) of recent receive-to-produce latencies in milliseconds; NaN before any frame. */
    public synchronized double latencyMillis(double q) {
        int n = (int) Math.min(latencyCount, LATENCY_WINDOW);
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(latencyNanos, n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
        return sorted[index] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("decoded %d, produced %d, dropped %d, capped %d, connects %d, disconnects %d, stalls %d",
                decoded(), produced(), dropped(), skippedByCap(), connects(), disconnects(), stalls());
    }
}
