package dev.visionstream.ingest;

import dev.visionstream.ingest.ArtifactException.Reason;
import dev.visionstream.schemas.ArtifactRef;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@link ArtifactStore} in a local (or mounted shared) folder.
 *
 * <p>URIs name artifacts relative to the store, never by file path, so a reference stays valid when the folder is
 * mounted elsewhere and a crafted reference cannot name any other file:
 * <ul>
 *   <li>{@code artifact://sha256/<64 hex>.<ext>}: content-addressed, stored as {@code <root>/sha256/<hex>.<ext>};</li>
 *   <li>{@code artifact://named/<name>}: named outputs, stored as {@code <root>/named/<name>}.</li>
 * </ul>
 * The extension follows the content type ({@code jpg}, {@code png}, {@code json}, {@code ply}, else {@code bin}).
 * Files are written to a temporary file in the target folder and moved into place atomically, so readers never
 * see a partial artifact. Nothing expires here: cleanup by age is left to the operator.
 */
public final class LocalArtifactStore implements ArtifactStore {
    public static final String URI_PREFIX = "artifact://";
    private static final String CONTENT_AREA = "sha256";
    private static final String NAMED_AREA = "named";

    private static final Pattern CONTENT_FILE = Pattern.compile("[0-9a-f]{64}\\.[a-z0-9]{1,8}");
    private static final Pattern NAME_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "application/json", "json",
            "application/x-ply", "ply",
            "text/plain", "txt");
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;

    public LocalArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public ArtifactRef put(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        String sha256 = sha256Hex(bytes);
        String file = sha256 + "." + extensionOf(contentType);
        write(root.resolve(CONTENT_AREA).resolve(file), bytes);
        return new ArtifactRef(URI_PREFIX + CONTENT_AREA + "/" + file, sha256, bytes.length, contentType);
    }

    @Override
    public ArtifactRef put(String name, byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
        String uri = URI_PREFIX + NAMED_AREA + "/" + name;
        write(resolve(uri), bytes);
        return new ArtifactRef(uri, sha256Hex(bytes), bytes.length, contentType);
    }

    @Override
    public byte[] get(String uri, String expectedSha256) {
        if (expectedSha256 == null || !SHA256_HEX.matcher(expectedSha256).matches()) {
            throw new IllegalArgumentException("expected SHA-256 must be 64 hex characters: " + expectedSha256);
        }
        Path file = resolve(uri);
        byte[] bytes;
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                throw new ArtifactException(Reason.OUTSIDE_STORE, uri + " is a link out of the store");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(Reason.MISSING, uri + " is not in the store at " + root, e);
        } catch (IOException e) {
            throw new ArtifactException(Reason.IO, "reading " + uri + " failed: " + e.getMessage(), e);
        }
        String actual = sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ArtifactException(Reason.CHECKSUM_MISMATCH,
                    uri + " hashes to " + actual + ", expected " + expectedSha256.toLowerCase(Locale.ROOT));
        }
        return bytes;
    }

    /**
     * The file behind {@code uri}. Refuses, with {@link Reason#OUTSIDE_STORE}, every string that is not one of the
     * two URI forms of this store, so that file paths, other schemes and {@code ..} never reach the file system.
     */
    public Path resolve(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith(URI_PREFIX)) {
            throw new ArtifactException(Reason.OUTSIDE_STORE, "not an " + URI_PREFIX + " reference: " + uri);
        }
        String rest = uri.substring(URI_PREFIX.length());
        int slash = rest.indexOf('/');
        String area = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        boolean valid = switch (area) {
            case CONTENT_AREA -> CONTENT_FILE.matcher(path).matches();
            case NAMED_AREA -> isSafeName(path);
            default -> false;
        };
        if (!valid) {
            throw new ArtifactException(Reason.OUTSIDE_STORE, "not a reference into this store: " + uri);
        }
        Path areaRoot = root.resolve(area);
        Path file = areaRoot.resolve(path).normalize();
        if (!file.startsWith(areaRoot)) {
            // unreachable given the patterns above; kept so that a future pattern change cannot open a hole
            throw new ArtifactException(Reason.OUTSIDE_STORE, uri + " leaves the store");
        }
        return file;
    }

    private static boolean isSafeName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!NAME_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
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

    private static String extensionOf(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(base, "bin");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
