package dev.visionstream.models.inpainting;

/**
 * One image's share of {@link Inpainting#runAll}: its outcome, or the exception that image alone caused, so that
 * one bad image of a batch does not fail the others.
 */
public record InpaintAttempt(InpaintOutcome outcome, RuntimeException failure) {
    public static InpaintAttempt of(InpaintOutcome outcome) {
        return new InpaintAttempt(outcome, null);
    }

    public static InpaintAttempt failed(RuntimeException failure) {
        return new InpaintAttempt(null, failure);
    }

    /** The outcome; throws the image's own exception when it failed. */
    public InpaintOutcome get() {
        if (failure != null) {
            throw failure;
        }
        return outcome;
    }
}
