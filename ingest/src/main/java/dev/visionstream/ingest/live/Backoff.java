package dev.visionstream.ingest.live;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: capped exponential growth with jitter. Delay {@code n} is drawn uniformly from
 * {@code [d/2, d]} where {@code d = min(max, initial * 2^n)}, so many cameras that lost the same server do not all
 * reconnect in the same instant, and a dead server is asked at most once per {@code max}.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        long ceiling = ceilingMillis(failures);
        failures = Math.min(failures + 1, 62);
        long low = ceiling / 2;
        return Duration.ofMillis(low + (long) (random.nextDouble() * (ceiling - low + 1)));
    }

    /** The largest delay {@link #next()} can return after {@code failures} failures. */
    public long ceilingMillis(int failures) {
        int shift = Math.min(failures, 30);
        return Math.min(maxMillis, initialMillis << shift);
    }

    /** After a success: the next failure starts again from the initial delay. */
    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
