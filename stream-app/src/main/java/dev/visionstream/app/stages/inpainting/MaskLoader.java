package dev.visionstream.app.stages.inpainting;

import dev.visionstream.app.topology.StoreOutageException;
import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.inpainting.InpaintInputException;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.schemas.FrameHeaders;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a mask location to a decoded mask (non-zero pixels = holes). Accepted forms:
 * <ul>
 *   <li>{@code artifact://sha256/<hex>.<ext>}: the artifact store, the checksum is the name;</li>
 *   <li>{@code artifact://named/<name>}: the artifact store, with the checksum given separately (config
 *       {@code inpainting.maskSha256} or header {@code vision.inpaint-mask-sha256});</li>
 *   <li>{@code file:///absolute/path.png} or a plain file path: a file the operator put next to the service.</li>
 * </ul>
 * Decoded masks are cached (artifacts by URI, files by URI, size and modification time), so a camera's mask is read
 * once, not per frame.
 */
final class MaskLoader {
    private static final Pattern CONTENT_ADDRESSED = Pattern.compile("artifact://sha256/([0-9a-fA-F]{64})\\.[a-z0-9]+");
    private static final int CACHE_SIZE = 64;

    private final ArtifactStore artifacts;
    private final Map<String, InpaintMask> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, InpaintMask> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    MaskLoader(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    /**
     * @throws InpaintInputException when the location is malformed, missing, fails its checksum or is not an image
     */
    InpaintMask load(String location, String sha256) {
        if (location.startsWith("artifact://")) {
            String checksum = sha256;
            Matcher m = CONTENT_ADDRESSED.matcher(location);
            if (checksum == null && m.matches()) {
                checksum = m.group(1);
            }
            if (checksum == null) {
                throw new InpaintInputException("mask " + location + " needs its SHA-256 (inpainting.maskSha256 in "
                        + "the camera config, or the " + FrameHeaders.INPAINT_MASK_SHA256 + " header)");
            }
            String key = location + "#" + checksum.toLowerCase(java.util.Locale.ROOT);
            InpaintMask cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            byte[] bytes;
            try {
                bytes = artifacts.get(location, checksum);
            } catch (ArtifactException | IllegalArgumentException e) {
                if (StoreOutageException.isOutage(e)) {
                    throw e; // the store is down, not the mask wrong: the frame is processed again later
                }
                throw new InpaintInputException("mask " + location + " cannot be read: " + e.getMessage(), e);
            }
            InpaintMask mask = InpaintMask.decode(bytes, location);
            cache.put(key, mask);
            return mask;
        }
        Path file = toPath(location);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            String key = file + "#" + Files.size(file) + "#" + modified.toMillis();
            InpaintMask cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            InpaintMask mask = InpaintMask.decode(Files.readAllBytes(file), location);
            cache.put(key, mask);
            return mask;
        } catch (IOException e) {
            throw new InpaintInputException("mask file " + file + " cannot be read: " + e, e);
        }
    }

    private static Path toPath(String location) {
        try {
            return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (RuntimeException e) {
            throw new InpaintInputException("mask location " + location + " is neither an artifact:// reference "
                    + "nor a file path: " + e.getMessage(), e);
        }
    }
}
