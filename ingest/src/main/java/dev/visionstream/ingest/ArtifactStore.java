package dev.visionstream.ingest;

import dev.visionstream.schemas.ArtifactRef;

/**
 * Where bulky bytes live that do not fit in, or do not belong in, a Kafka record: claim-checked frames and pictures
 * written by stages. Every failure is an {@link ArtifactException} with a reason.
 */
public interface ArtifactStore {

    /**
     * Stores {@code bytes} under a key derived from their SHA-256, so storing the same bytes again (a retried send)
     * overwrites the same artifact instead of leaving a duplicate.
     */
    ArtifactRef put(byte[] bytes, String contentType);

    /**
     * Stores {@code bytes} under a caller-chosen relative {@code name} such as {@code cam-1/density/000042.png},
     * replacing what was there. Names are {@code /}-separated segments of letters, digits, {@code . _ -}, each not
     * starting with a dot; anything else is refused with {@link ArtifactException.Reason#OUTSIDE_STORE}.
     */
    ArtifactRef put(String name, byte[] bytes, String contentType);

    /** The bytes under {@code uri}, after checking that they hash to {@code expectedSha256} (hex, any case). */
    byte[] get(String uri, String expectedSha256);

    /** The bytes {@code ref} points at, checked against its checksum. */
    default byte[] get(ArtifactRef ref) {
        return get(ref.uri(), ref.sha256());
    }
}
