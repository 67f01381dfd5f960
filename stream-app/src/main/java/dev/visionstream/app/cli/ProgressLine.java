package dev.visionstream.app.cli;

/** A single self-overwriting progress line on stderr, throttled so it costs nothing per frame. */
final class ProgressLine {
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private long count;

    ProgressLine(String label) {
        this.label = label;
    }

    void update(long count) {
        this.count = count;
        long now = System.nanoTime();
        if (now - lastPrintNanos > 250_000_000L) {
            lastPrintNanos = now;
            print('\r');
        }
    }

    void done() {
        print('\n');
    }

    private void print(char end) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        System.err.printf("\r%s: %d frames, %.1f frames/s%c", label, count, count / seconds, end == '\n' ? '\n' : ' ');
        System.err.flush();
    }
}
