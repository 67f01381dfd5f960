package dev.visionstream.models.inpainting;

/** A weights file that cannot be read or does not match the generator architecture, with every mismatch listed. */
public final class RnWeightsException extends RuntimeException {
    public RnWeightsException(String message) {
        super(message);
    }

    public RnWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
