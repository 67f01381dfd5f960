package dev.visionstream.models.pose;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body side a joint name says, if any. Whole words first (English, German, French, Spanish, Italian), then a
 * lone L/R token ({@code Bip01 L Thigh}, {@code thigh_l}, {@code LHipJoint}, {@code lShldr}); a pair of names that
 * differ only in one l/r letter ({@code lfemur}/{@code rfemur}) is decided by {@link #ofPair}.
 */
enum BodySide {
    LEFT, RIGHT, UNKNOWN;

    private static final List<String> LEFT_WORDS = List.of("left", "links", "gauche", "izquierd", "sinistr");
    private static final List<String> RIGHT_WORDS = List.of("right", "rechts", "droit", "derech", "destr");
    /** Splits at non-letters and at case changes, so that "LHipJoint" gives L, Hip, Joint and "lShldr" l, Shldr. */
    private static final Pattern TOKEN_BREAK = Pattern.compile("[^\\p{L}]+|(?<=\\p{Ll})(?=\\p{Lu})"
            + "|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

    static BodySide of(String name) {
        String bare = name.substring(name.lastIndexOf(':') + 1);
        String lower = bare.toLowerCase(Locale.ROOT);
        boolean left = LEFT_WORDS.stream().anyMatch(lower::contains);
        boolean right = RIGHT_WORDS.stream().anyMatch(lower::contains);
        if (left != right) {
            return left ? LEFT : RIGHT;
        }
        boolean l = false;
        boolean r = false;
        for (String token : TOKEN_BREAK.split(bare)) {
            l |= token.equalsIgnoreCase("l");
            r |= token.equalsIgnoreCase("r");
        }
        return l == r ? UNKNOWN : l ? LEFT : RIGHT;
    }

    /**
     * The side of {@code a}, given its mirror {@code b}: by word or token, else by the one letter l/r they differ in.
     */
    static BodySide ofPair(String a, String b) {
        BodySide sa = of(a);
        BodySide sb = of(b);
        if (sa != UNKNOWN && sb != sa) {
            return sa;
        }
        if (sb != UNKNOWN && sa == UNKNOWN) {
            return sb == LEFT ? RIGHT : LEFT;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.length() != y.length()) {
            return UNKNOWN;
        }
        int differ = -1;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                if (differ >= 0) {
                    return UNKNOWN;
                }
                differ = i;
            }
        }
        if (differ < 0) {
            return UNKNOWN;
        }
        char ca = x.charAt(differ);
        char cb = y.charAt(differ);
        return ca == 'l' && cb == 'r' ? LEFT : ca == 'r' && cb == 'l' ? RIGHT : UNKNOWN;
    }
}
