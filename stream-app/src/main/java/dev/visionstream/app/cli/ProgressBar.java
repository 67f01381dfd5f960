package dev.visionstream.app.cli;

import java.util.OptionalLong;

/** A self-overwriting progress bar on stderr when the total is known, else a frame counter; throttled. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private long count;
    private OptionalLong total = OptionalLong.empty();

    ProgressBar(String label) {
        this.label = label;
    }

    void update(long count, OptionalLong total) {
        this.count = count;
        this.total = total;
        long now = System.nanoTime();
        if (now - lastPrintNanos > 250_000_000L) {
            lastPrintNanos = now;
            print(false);
        }
    }

    void done() {
        print(true);
    }

    private void print(boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        String bar = "";
        if (total.isPresent() && total.getAsLong() > 0) {
            long t = total.getAsLong();
            long inPass = count % t == 0 && count > 0 ? t : count % t;
            int filled = (int) Math.min(WIDTH, inPass * WIDTH / t);
            bar = String.format("[%s%s] %3d%% ", "#".repeat(filled), ".".repeat(WIDTH - filled), inPass * 100 / t);
        }
        System.err.printf("\r%s: %s%d frames, %.1f frames/s%s", label, bar, count, count / seconds, last ? "\n" : " ");
        System.err.flush();
    }
}
