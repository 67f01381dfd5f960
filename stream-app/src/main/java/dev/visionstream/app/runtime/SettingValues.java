package dev.visionstream.app.runtime;

import java.util.Locale;

/**
 * Parsing of setting values read from a system property over an environment variable; a value that cannot be used
 * is an {@link IllegalArgumentException} naming both (as {@code names}, e.g. {@code VISION_X (vision.x)}).
 */
final class SettingValues {
    private SettingValues() {
    }

    static String names(String environment, String property) {
        return environment + " (" + property + ")";
    }

    static boolean bool(String names, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(names + " must be true or false, got '" + value + "'");
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    static long wholeNumber(String names, String value, long min, long max) {
        Long n = parse(value);
        if (n != null && n >= min && n <= max) {
            return n;
        }
        throw new IllegalArgumentException(names + " must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }

    /** A whole number of at least {@code min} that fits an int. */
    static int atLeast(String names, String value, int min) {
        Long n = parse(value);
        if (n != null && n >= min && n <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException(names + " must be a whole number of " + min + " or more, got '" + value
                + "'");
    }

    private static Long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
