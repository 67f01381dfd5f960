package dev.visionstream.ingest;

import dev.visionstream.schemas.ArtifactRef;
import java.util.Objects;

/**
 * What the stores share: the reference forms of {@link ArtifactUris} (content-addressed by SHA-256, or named) and
 * the checksum check on every read. A store says only how bytes are written and read under a reference.
 */
abstract class AbstractArtifactStore implements ArtifactStore {

    /** Stores {@code bytes} under {@code uri} (already checked), replacing what was there. */
    protected abstract void write(String uri, byte[] bytes, String contentType);

    /** The bytes under {@code uri}, not yet checked against their checksum. */
    protected abstract byte[] read(String uri);

    @Override
    public final ArtifactRef put(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        String sha256 = ArtifactUris.sha256Hex(bytes);
        String uri = ArtifactUris.contentUri(sha256, contentType);
        write(uri, bytes, contentType);
        return new ArtifactRef(uri, sha256, bytes.length, contentType);
    }

    @Override
    public final ArtifactRef put(String name, byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        String uri = ArtifactUris.namedUri(name);
        write(uri, bytes, contentType);
        return new ArtifactRef(uri, ArtifactUris.sha256Hex(bytes), bytes.length, contentType);
    }

    @Override
    public final byte[] get(String uri, String expectedSha256) {
        ArtifactUris.requireSha256(expectedSha256);
        return ArtifactUris.verified(uri, read(uri), expectedSha256);
    }
}
