package dev.visionstream.app.topology;

/**
 * Fetches frame bytes that travelled by claim-check. Implementations refuse references outside their store and
 * verify the checksum; any exception becomes a {@code CLAIM_CHECK_INVALID} error event with its message.
 */
@FunctionalInterface
public interface ClaimCheckResolver {
    ClaimCheckResolver NONE = (uri, sha256) -> {
        throw new IllegalStateException("no artifact store is configured to resolve " + uri);
    };

    byte[] resolve(String uri, String sha256) throws Exception;
}
