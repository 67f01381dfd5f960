package dev.visionstream.app.topology;

/**
 * How a stage groups its records (frames; keypoint records for pose) before one model call: up to {@code size}
 * records per stream task, the oldest waiting at most {@code lingerMs} of wall-clock time. A size of 1 (the default)
 * processes each record as it arrives, with no buffering at all.
 */
public record Batching(int size, long lingerMs) {
    /** The upper bound of {@code size}: a batch is held in one state store and one model call. */
    public static final int MAX_SIZE = 256;
    /** The upper bound of {@code lingerMs}. */
    public static final long MAX_LINGER_MS = 60_000;
    /** Records one by one, as without batching. */
    public static final Batching NONE = new Batching(1, 20);

    public Batching {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_SIZE + ", got " + size);
        }
        if (lingerMs < 1 || lingerMs > MAX_LINGER_MS) {
            throw new IllegalArgumentException("batch linger must be 1 to " + MAX_LINGER_MS + " ms, got " + lingerMs);
        }
    }

    /** Whether records are buffered at all. */
    public boolean enabled() {
        return size > 1;
    }

    @Override
    public String toString() {
        return enabled() ? size + " records or " + lingerMs + " ms" : "off (records one by one)";
    }
}
