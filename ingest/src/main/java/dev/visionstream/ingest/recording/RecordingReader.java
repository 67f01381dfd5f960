package dev.visionstream.ingest.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a recording written by {@link RecordingWriter}, segment by segment in index order. Each segment is checked
 * against its SHA-256 before any of its frames is handed out, so a damaged segment yields a
 * {@link CorruptSegmentException} naming it, after every frame of the segments before it. Segment files that the
 * index does not list (the one being written when a recording was cut off) are left out and reported by
 * {@link #unindexedSegments()}.
 */
public final class RecordingReader implements AutoCloseable {
    private final Path dir;
    private final List<SegmentEntry> segments;
    private final List<String> unindexed;
    private int nextSegment;
    private DataInputStream current;
    private String currentName;

    private RecordingReader(Path dir, List<SegmentEntry> segments, List<String> unindexed) {
        this.dir = dir;
        this.segments = segments;
        this.unindexed = unindexed;
    }

    /** True when {@code path} is a recording folder. */
    public static boolean isRecording(Path path) {
        return Files.isRegularFile(path.resolve(RecordingWriter.MANIFEST))
                && Files.isRegularFile(path.resolve(RecordingWriter.INDEX));
    }

    public static RecordingReader open(Path dir) throws IOException {
        if (!isRecording(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a recording (no " + RecordingWriter.MANIFEST
                    + " and " + RecordingWriter.INDEX + ")");
        }
        JsonNode manifest = Json.MAPPER.readTree(dir.resolve(RecordingWriter.MANIFEST).toFile());
        if (!RecordingWriter.FORMAT.equals(manifest.path("format").asText())) {
            throw new IOException(dir + " holds no " + RecordingWriter.FORMAT);
        }
        List<SegmentEntry> segments = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve(RecordingWriter.INDEX), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                segments.add(Json.MAPPER.readValue(line, SegmentEntry.class));
            } catch (IOException e) {
                break; // a torn last index line: its segment was never vouched for
            }
        }
        List<String> indexed = segments.stream().map(SegmentEntry::file).toList();
        List<String> unindexed;
        try (Stream<Path> files = Files.list(dir)) {
            unindexed = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("segment-") && n.endsWith(".vrec") && !indexed.contains(n))
                    .sorted().toList();
        }
        return new RecordingReader(dir, List.copyOf(segments), unindexed);
    }

    public List<SegmentEntry> segments() {
        return segments;
    }

    public List<String> unindexedSegments() {
        return unindexed;
    }

    /** Frames the index vouches for. */
    public long totalFrames() {
        return segments.stream().mapToLong(SegmentEntry::frames).sum();
    }

    /**
     * The next frame, or empty after the last indexed segment.
     *
     * @throws CorruptSegmentException when the next segment does not match its checksum or cannot be parsed
     */
    public Optional<RecordedFrame> next() throws IOException {
        while (true) {
            if (current == null) {
                if (nextSegment >= segments.size()) {
                    return Optional.empty();
                }
                openSegment(segments.get(nextSegment++));
            }
            RecordedFrame frame;
            try {
                frame = SegmentFormat.read(current);
            } catch (IOException e) {
                throw new CorruptSegmentException(currentName, "recording segment " + currentName + " in " + dir
                        + " cannot be parsed: " + e.getMessage());
            }
            if (frame != null) {
                return Optional.of(frame);
            }
            current = null;
        }
    }

    private void openSegment(SegmentEntry entry) throws IOException {
        Path file = dir.resolve(entry.file());
        if (!file.getParent().equals(dir) || !Files.isRegularFile(file)) {
            throw new CorruptSegmentException(entry.file(), "recording segment " + entry.file() + " listed in "
                    + dir.resolve(RecordingWriter.INDEX) + " is missing");
        }
        // segments are bounded (16 MiB by default), so checking the whole file first costs one read into memory
        byte[] bytes = Files.readAllBytes(file);
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new CorruptSegmentException(entry.file(), "recording segment " + entry.file() + " in " + dir
                    + " is corrupt: SHA-256 " + actual + ", index says " + entry.sha256()
                    + " (frames of earlier segments were replayed)");
        }
        current = new DataInputStream(new ByteArrayInputStream(bytes));
        currentName = entry.file();
        SegmentFormat.readHeader(current, entry.file());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public void close() {
        current = null;
    }
}
