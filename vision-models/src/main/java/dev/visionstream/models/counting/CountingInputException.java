package dev.visionstream.models.counting;

/** The image or the exemplar boxes cannot be counted as given; the message says what is wrong. */
public class CountingInputException extends IllegalArgumentException {
    /** What the problem is about, so callers can blame the right source (frame or configuration). */
    public enum Subject { IMAGE, EXEMPLARS }

    private final Subject subject;

    public CountingInputException(Subject subject, String message) {
        super(message);
        this.subject = subject;
    }

    public Subject subject() {
        return subject;
    }
}
