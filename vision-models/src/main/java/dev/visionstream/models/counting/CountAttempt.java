package dev.visionstream.models.counting;

/**
 * One frame's share of {@link Counter#countAll}: its result, or the exception that frame alone caused (its image,
 * its exemplar boxes), so that one bad frame of a batch does not fail the others.
 */
public record CountAttempt(CountResult result, RuntimeException failure) {
    public static CountAttempt of(CountResult result) {
        return new CountAttempt(result, null);
    }

    public static CountAttempt failed(RuntimeException failure) {
        return new CountAttempt(null, failure);
    }

    /** The result; throws the frame's own exception when it failed. */
    public CountResult get() {
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
