package dev.visionstream.ingest.recording;

import dev.visionstream.schemas.Json;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a recording: a folder with {@code recording.json} (what it is), segment files {@code segment-NNNNNN.vrec}
 * and {@code index.jsonl}. A segment is closed when it reaches its size limit; only then, after it is forced to
 * disk, its line (frame count, SHA-256, time range, cameras) is appended to the index. So whatever happens to the
 * process, every segment named in the index is complete, and a cut-off recording replays up to its last complete
 * segment.
 */
public final class RecordingWriter implements AutoCloseable {
    public static final String MANIFEST = "recording.json";
    public static final String INDEX = "index.jsonl";
    public static final String FORMAT = "vision-recording";
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;

    private final Path dir;
    private final long segmentBytes;
    private int segmentNumber;
    private Path segmentFile;
    private DataOutputStream out;
    private MessageDigest digest;
    private long written;
    private long frames;
    private long firstMs;
    private long lastMs;
    private TreeSet<String> cameras;
    private long totalFrames;

    private RecordingWriter(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Starts a new recording in {@code dir}, which must not hold one already.
     *
     * @param description free-form facts kept in the manifest (source, cameras, time range)
     */
    public static RecordingWriter create(Path dir, long segmentBytes, Map<String, Object> description)
            throws IOException {
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segment size must be positive: " + segmentBytes);
        }
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(MANIFEST))) {
            throw new FileAlreadyExistsException(dir.resolve(MANIFEST).toString(), null,
                    "a recording is already there");
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("version", SegmentFormat.VERSION);
        manifest.put("created", Instant.now().toString());
        manifest.putAll(description);
        Files.writeString(dir.resolve(MANIFEST), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(manifest) + "\n");
        Files.writeString(dir.resolve(INDEX), "");
        return new RecordingWriter(dir, segmentBytes);
    }

    public void write(RecordedFrame frame) throws IOException {
        if (out == null) {
            openSegment();
        }
        SegmentFormat.write(out, frame);
        frames++;
        totalFrames++;
        firstMs = Math.min(firstMs, frame.timestampMs());
        lastMs = Math.max(lastMs, frame.timestampMs());
        cameras.add(frame.cameraId());
        written = out.size();
        if (written >= segmentBytes) {
            closeSegment();
        }
    }

    /** Frames written so far. */
    public long frames() {
        return totalFrames;
    }

    /** Completes the open segment, if any. */
    @Override
    public void close() throws IOException {
        closeSegment();
    }

    private void openSegment() throws IOException {
        segmentNumber++;
        segmentFile = dir.resolve(String.format("segment-%06d.vrec", segmentNumber));
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        OutputStream file = Files.newOutputStream(segmentFile, StandardOpenOption.CREATE_NEW);
        out = new DataOutputStream(new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), digest));
        SegmentFormat.writeHeader(out);
        frames = 0;
        firstMs = Long.MAX_VALUE;
        lastMs = Long.MIN_VALUE;
        cameras = new TreeSet<>();
    }

    private void closeSegment() throws IOException {
        if (out == null) {
            return;
        }
        out.flush();
        out.close();
        out = null;
        // the segment must be on disk before the index vouches for it
        try (var channel = FileChannel.open(segmentFile, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        SegmentEntry entry = new SegmentEntry(segmentFile.getFileName().toString(), frames, Files.size(segmentFile),
                HexFormat.of().formatHex(digest.digest()), firstMs, lastMs, cameras.stream().toList());
        Files.writeString(dir.resolve(INDEX), Json.MAPPER.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }
}
