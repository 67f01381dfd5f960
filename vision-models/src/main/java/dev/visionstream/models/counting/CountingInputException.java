package dev.visionstream.models.counting;

/** The image or the exemplar boxes cannot be counted as given; the message says what is wrong. */
public class CountingInputException extends IllegalArgumentException {
    public CountingInputException(String message) {
        super(message);
    }
}
