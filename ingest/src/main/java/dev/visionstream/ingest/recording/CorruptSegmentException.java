package dev.visionstream.ingest.recording;

import java.io.IOException;

/** A recording segment whose bytes do not match its index entry; every segment before it replayed fine. */
public final class CorruptSegmentException extends IOException {
    private final String segment;

    public CorruptSegmentException(String segment, String message) {
        super(message);
        this.segment = segment;
    }

    /** The file name of the bad segment. */
    public String segment() {
        return segment;
    }
}
