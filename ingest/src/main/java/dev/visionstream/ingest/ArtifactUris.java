package dev.visionstream.ingest;

import dev.visionstream.ingest.ArtifactException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two URI forms every {@link ArtifactStore} hands out and accepts, parsed in one place so that the local and
 * the S3 store refuse exactly the same crafted references:
 * <ul>
 *   <li>{@code artifact://sha256/<64 hex>.<ext>}: content-addressed, the extension following the content type;</li>
 *   <li>{@code artifact://named/<name>}: named outputs, {@code /}-separated segments of letters, digits,
 *       {@code . _ -}, none starting with a dot, of at most 200 characters each and 900 in all.</li>
 * </ul>
 * A reference names an artifact relative to its store, never by file path or bucket, so it stays valid whichever
 * store (or host) resolves it.
 */
public final class ArtifactUris {
    public static final String PREFIX = "artifact://";
    static final String CONTENT_AREA = "sha256";
    static final String NAMED_AREA = "named";

    private static final Pattern CONTENT_FILE = Pattern.compile("([0-9a-f]{64})\\.[a-z0-9]{1,8}");
    // lengths within every file system's and S3's limits: a name the store cannot hold must not read as an outage
    private static final Pattern NAME_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    private static final int MAX_NAME = 900;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "application/json", "json",
            "application/x-ply", "ply",
            "text/plain", "txt");
    private static final HexFormat HEX = HexFormat.of();

    private ArtifactUris() {
    }

    /**
     * Where a valid reference points inside a store.
     *
     * @param area {@code sha256} or {@code named}
     * @param path the file name (content area) or the name (named area), never with {@code ..} or a leading dot
     */
    public record Location(String area, String path) {
        /** The store-relative key, {@code <area>/<path>}. */
        public String key() {
            return area + "/" + path;
        }

        /** The SHA-256 a content-addressed reference carries in its name; empty for a named one. */
        public Optional<String> contentSha256() {
            return CONTENT_AREA.equals(area) ? Optional.of(path.substring(0, 64)) : Optional.empty();
        }
    }

    /**
     * Parses {@code uri}, refusing with {@link Reason#OUTSIDE_STORE} every string that is not one of the two forms,
     * so that file paths, other schemes and {@code ..} never reach a file system or a bucket.
     */
    public static Location parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith(PREFIX)) {
            throw new ArtifactException(Reason.OUTSIDE_STORE, "not an " + PREFIX + " reference: " + uri);
        }
        String rest = uri.substring(PREFIX.length());
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
        return new Location(area, path);
    }

    /** The content-addressed reference of bytes hashing to {@code sha256} of {@code contentType}. */
    static String contentUri(String sha256, String contentType) {
        return PREFIX + CONTENT_AREA + "/" + sha256 + "." + extensionOf(contentType);
    }

    /** The named reference of {@code name}; {@link #parse} then checks the name. */
    static String namedUri(String name) {
        return PREFIX + NAMED_AREA + "/" + name;
    }

    /** Refuses an expected checksum that is not 64 hex characters: it could never match. */
    static void requireSha256(String expectedSha256) {
        if (expectedSha256 == null || !SHA256_HEX.matcher(expectedSha256).matches()) {
            throw new IllegalArgumentException("expected SHA-256 must be 64 hex characters: " + expectedSha256);
        }
    }

    /** {@code bytes} unchanged when they hash to {@code expectedSha256}, else {@link Reason#CHECKSUM_MISMATCH}. */
    static byte[] verified(String uri, byte[] bytes, String expectedSha256) {
        String actual = sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ArtifactException(Reason.CHECKSUM_MISMATCH,
                    uri + " hashes to " + actual + ", expected " + expectedSha256.toLowerCase(Locale.ROOT));
        }
        return bytes;
    }

    private static boolean isSafeName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!NAME_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String extensionOf(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(base, "bin");
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
