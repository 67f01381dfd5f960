package dev.visionstream.models.counting;

/** A supplied backbone does not have the input/output contract the counting pipeline needs. */
public class BackboneContractException extends RuntimeException {
    public BackboneContractException(String message) {
        super(message);
    }

    public BackboneContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
