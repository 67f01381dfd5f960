package dev.visionstream.models.counting.evaluation;

/** A manifest that cannot be read or does not hold together, or an image it names that is missing. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
