package dev.visionstream.ingest;

import dev.visionstream.ingest.ArtifactException.Reason;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An {@link ArtifactStore} in a local (or mounted shared) folder.
 *
 * <p>URIs name artifacts relative to the store, never by file path ({@link ArtifactUris}), so a reference stays
 * valid when the folder is mounted elsewhere and a crafted reference cannot name any other file:
 * {@code artifact://sha256/<hex>.<ext>} is stored as {@code <root>/sha256/<hex>.<ext>} and
 * {@code artifact://named/<name>} as {@code <root>/named/<name>}.
 * Files are written to a temporary file in the target folder and moved into place atomically, so readers never
 * see a partial artifact. Nothing expires here: cleanup by age is left to the operator.
 */
public final class LocalArtifactStore extends AbstractArtifactStore {
    public static final String URI_PREFIX = ArtifactUris.PREFIX;

    private final Path root;

    public LocalArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    protected void write(String uri, byte[] bytes, String contentType) {
        write(resolve(uri), bytes);
    }

    @Override
    protected byte[] read(String uri) {
        Path file = resolve(uri);
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                throw new ArtifactException(Reason.OUTSIDE_STORE, uri + " is a link out of the store");
            }
            if (!Files.isRegularFile(file)) {
                // a folder of named artifacts is no artifact; as IO it would count as an outage and be retried
                throw new ArtifactException(Reason.MISSING, uri + " is not an artifact in the store at " + root);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(Reason.MISSING, uri + " is not in the store at " + root, e);
        } catch (IOException e) {
            throw new ArtifactException(Reason.IO, "reading " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The file behind {@code uri}. Refuses, with {@link Reason#OUTSIDE_STORE}, every string that is not one of the
     * two URI forms of this store, so that file paths, other schemes and {@code ..} never reach the file system.
     */
    public Path resolve(String uri) {
        ArtifactUris.Location location = ArtifactUris.parse(uri);
        Path areaRoot = root.resolve(location.area());
        Path file = areaRoot.resolve(location.path()).normalize();
        if (!file.startsWith(areaRoot)) {
            // unreachable given the URI patterns; kept so that a future pattern change cannot open a hole
            throw new ArtifactException(Reason.OUTSIDE_STORE, uri + " leaves the store");
        }
        return file;
    }

    private static void write(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // a dot-prefixed temp name can never be addressed by a URI, so a crash leaves no readable half-artifact
            tmp = Files.createTempFile(target.getParent(), ".", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ArtifactException(Reason.IO, "writing " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the write failure is the error worth reporting; an orphan temp file is harmless
        }
    }

    static String sha256Hex(byte[] bytes) {
        return ArtifactUris.sha256Hex(bytes);
    }
}
