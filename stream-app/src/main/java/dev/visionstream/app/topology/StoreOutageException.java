package dev.visionstream.app.topology;

import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.SourceCoordinates;
import java.time.Instant;
import java.util.Optional;

/**
 * The artifact store stayed unavailable ({@link ArtifactException.Reason#IO}, after the store's own retries) while
 * a stage worked on an input. Unlike a bad reference, this is not the input's fault, so it is thrown out of the
 * processor instead of becoming an error event in the task's output: under exactly-once the task's transaction
 * aborts, nothing of the input's work is committed, and the replacement stream thread processes the input again
 * from the last committed offset. The error event it carries is published by the service outside the aborted
 * transaction ({@code OutageReporter}), so that what happened is still visible.
 */
public final class StoreOutageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Publication error;

    private StoreOutageException(String key, Publication error, Throwable cause) {
        super(error.event().stage() + ": artifact store unavailable: " + cause.getMessage(), cause);
        this.key = key;
        this.error = error;
    }

    /** Whether {@code e} or one of its causes is a store outage. */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreOutageException
                    || t instanceof ArtifactException a && a.reason() == ArtifactException.Reason.IO) {
                return true;
            }
        }
        return false;
    }

    /** The outage in {@code e}'s cause chain, if there is one. */
    public static Optional<StoreOutageException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreOutageException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Throws when {@code e} is a store outage, so that the caller's error-event path handles everything else.
     *
     * @param key the input record's key, which the error event is published under
     */
    public static void rethrowIfOutage(RuntimeException e, String stage, SourceCoordinates source,
                                       Instant captureTime, String key) {
        if (in(e).isPresent()) {
            throw e; // already reported by a stage further down
        }
        if (isOutage(e)) {
            throw new StoreOutageException(key, ErrorEvents.of(stage, source, captureTime, ErrorReason.STAGE_FAILURE,
                    stage + ": the artifact store is unavailable, so this input is not committed and will be "
                            + "processed again: " + e.getMessage(), e), e);
        }
    }

    public String key() {
        return key;
    }

    /** The error event that says what happened. */
    public Publication error() {
        return error;
    }
}
