package dev.visionstream.ingest;

import java.util.Objects;

/**
 * An artifact reference that cannot be honoured, or an artifact that cannot be stored; {@link #reason()} says which.
 */
public final class ArtifactException extends RuntimeException {

    /** Why an artifact operation failed; stable values that callers map to error events. */
    public enum Reason {
        /**
         * The reference points outside the store: another scheme, an absolute path, {@code ..} segments, a link out.
         */
        OUTSIDE_STORE,
        /** The reference is well-formed but nothing is stored under it (expired, never written, another store). */
        MISSING,
        /** The stored bytes do not hash to the expected SHA-256. */
        CHECKSUM_MISMATCH,
        /** Reading or writing the store failed. */
        IO
    }

    private final Reason reason;

    public ArtifactException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ArtifactException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
