package dev.visionstream.ingest.recording;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of one recording segment: the magic {@code VREC}, a format version, then records, each
 * {@code UTF camera id, long timestamp ms, short header count, (UTF name, int length, bytes)*, int length, bytes}.
 * Big-endian, as {@link DataOutputStream} writes. Integrity is checked per segment by the SHA-256 in the index.
 */
final class SegmentFormat {
    static final int MAGIC = 0x56524543; // "VREC"
    static final int VERSION = 1;
    /** A record larger than this cannot be real: the frame topics cap records far below it. */
    static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;

    private SegmentFormat() {
    }

    static void writeHeader(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
    }

    static void readHeader(DataInputStream in, String segment) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException(segment + " is not a version " + VERSION + " recording segment");
        }
    }

    static void write(DataOutputStream out, RecordedFrame frame) throws IOException {
        out.writeUTF(frame.cameraId());
        out.writeLong(frame.timestampMs());
        out.writeShort(frame.headers().size());
        for (RecordedFrame.Header h : frame.headers()) {
            out.writeUTF(h.name());
            out.writeInt(h.value().length);
            out.write(h.value());
        }
        out.writeInt(frame.value().length);
        out.write(frame.value());
    }

    /** The next record, or null at a clean end of the segment. */
    static RecordedFrame read(DataInputStream in) throws IOException {
        String camera;
        try {
            camera = in.readUTF();
        } catch (EOFException end) {
            return null;
        }
        long timestamp = in.readLong();
        int count = in.readUnsignedShort();
        List<RecordedFrame.Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(new RecordedFrame.Header(in.readUTF(), bytes(in)));
        }
        return new RecordedFrame(camera, timestamp, headers, bytes(in));
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD_BYTES) {
            throw new IOException("implausible field length " + length);
        }
        return in.readNBytes(length);
    }
}
