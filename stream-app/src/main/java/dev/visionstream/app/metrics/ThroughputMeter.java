package dev.visionstream.app.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Frames counted since the first one, and the in-process rate derived from them: frames divided by the time elapsed
 * since the first frame. Prometheus derives its own rate from the frames counter; this one is for the summary line
 * and benchmarks, which run without a Prometheus server.
 */
final class ThroughputMeter {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final LongSupplier nanoClock;
    private final LongAdder frames = new LongAdder();
    private final AtomicLong firstFrameNanos = new AtomicLong(NOT_STARTED);

    ThroughputMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void recordFrame() {
        firstFrameNanos.compareAndSet(NOT_STARTED, nanoClock.getAsLong());
        frames.increment();
    }

    long frames() {
        return frames.sum();
    }

    /** Frames per second since the first frame; 0 until some time has passed after it. */
    double framesPerSecond() {
        long start = firstFrameNanos.get();
        if (start == NOT_STARTED) {
            return 0.0;
        }
        long elapsedNanos = nanoClock.getAsLong() - start;
        return elapsedNanos <= 0 ? 0.0 : frames.sum() * 1e9 / elapsedNanos;
    }
}
