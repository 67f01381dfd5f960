package dev.visionstream.ingest.recording;

import java.util.List;

/**
 * One line of a recording's {@code index.jsonl}, written once its segment is complete and flushed to disk.
 *
 * @param file     segment file name inside the recording folder
 * @param frames   records in the segment
 * @param sha256   hex SHA-256 of the whole segment file
 * @param firstMs  smallest record timestamp
 * @param lastMs   largest record timestamp
 * @param cameras  camera ids that occur in the segment
 */
public record SegmentEntry(String file, long frames, long bytes, String sha256, long firstMs, long lastMs,
                           List<String> cameras) {
}
