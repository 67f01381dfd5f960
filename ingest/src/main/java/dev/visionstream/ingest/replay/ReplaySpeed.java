package dev.visionstream.ingest.replay;

import java.util.Locale;

/**
 * How fast a replay runs: a multiple of real time (1 = as recorded) or {@link #MAX}, as fast as frames can be sent.
 */
public record ReplaySpeed(double factor) {
    public static final ReplaySpeed REAL_TIME = new ReplaySpeed(1);
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    public ReplaySpeed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("replay speed must be positive: " + factor);
        }
    }

    /** {@code max}, or a positive number such as {@code 1}, {@code 4} or {@code 0.5}. */
    public static ReplaySpeed parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        try {
            return new ReplaySpeed(Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay speed must be 'max' or a positive number, not '" + text + "'");
        }
    }

    public boolean paced() {
        return Double.isFinite(factor);
    }

    @Override
    public String toString() {
        return paced() ? factor + "x" : "max";
    }
}
