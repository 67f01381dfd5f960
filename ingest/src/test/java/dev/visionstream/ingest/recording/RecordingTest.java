package dev.visionstream.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.ingest.replay.ReplaySpeed;
import dev.visionstream.ingest.replay.Replayer;
import dev.visionstream.schemas.FrameHeaders;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segmented recordings: round trip, replay with preserved or shifted timestamps, corruption and cut-off. */
class RecordingTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path work;

    /** 30 frames of two cameras, 40 ms apart, each value 2 KiB: about 4 segments of 16 KiB. */
    private Path record(Path dir) throws Exception {
        try (RecordingWriter writer = RecordingWriter.create(dir, 16 * 1024, Map.of("cameras", List.of("a", "b")))) {
            for (int i = 0; i < 30; i++) {
                writer.write(frame(i % 2 == 0 ? "a" : "b", i / 2, T0 + 40L * i));
            }
        }
        return dir;
    }

    private static RecordedFrame frame(String camera, long sequence, long timestamp) {
        byte[] value = new byte[2048];
        Arrays.fill(value, (byte) sequence);
        List<RecordedFrame.Header> headers = List.of(
                header(FrameHeaders.CONTENT_TYPE, "image/jpeg"), header(FrameHeaders.SEQUENCE, "" + sequence),
                header(FrameHeaders.WIDTH, "64"), header(FrameHeaders.HEIGHT, "48"),
                header(FrameHeaders.CAPTURE_TIME_SOURCE, "rtcp-ntp"), header(FrameHeaders.TRACE_ID, "t" + sequence));
        return new RecordedFrame(camera, timestamp, headers, value);
    }

    private static RecordedFrame.Header header(String name, String value) {
        return new RecordedFrame.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<RecordedFrame> readAll(RecordingReader reader) throws Exception {
        List<RecordedFrame> out = new ArrayList<>();
        for (var f = reader.next(); f.isPresent(); f = reader.next()) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void framesKeysHeadersAndTimestampsSurviveTheRoundTripInSegments() throws Exception {
        try (RecordingReader reader = RecordingReader.open(record(work.resolve("rec")))) {
            assertTrue(reader.segments().size() >= 3, "several segments: " + reader.segments());
            assertEquals(30, reader.totalFrames());
            List<RecordedFrame> frames = readAll(reader);
            assertEquals(30, frames.size());
            RecordedFrame seventh = frames.get(7);
            assertEquals("b", seventh.cameraId());
            assertEquals(T0 + 280, seventh.timestampMs());
            assertEquals("3", seventh.header(FrameHeaders.SEQUENCE));
            assertEquals("t3", seventh.header(FrameHeaders.TRACE_ID));
            assertArrayEquals(frame("b", 3, 0).value(), seventh.value());
            assertEquals(List.of("a", "b"), reader.segments().get(0).cameras());
        }
    }

    @Test
    void aCorruptSegmentIsNamedAfterEveryFrameOfTheSegmentsBeforeIt() throws Exception {
        Path dir = record(work.resolve("rec"));
        RecordingReader probe = RecordingReader.open(dir);
        SegmentEntry second = probe.segments().get(1);
        long before = probe.segments().get(0).frames();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(second.file()).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
        try (RecordingReader reader = RecordingReader.open(dir)) {
            List<RecordedFrame> good = new ArrayList<>();
            CorruptSegmentException e = assertThrows(CorruptSegmentException.class, () -> {
                for (var fr = reader.next(); fr.isPresent(); fr = reader.next()) {
                    good.add(fr.get());
                }
            });
            assertEquals(second.file(), e.segment());
            assertTrue(e.getMessage().contains(second.file()) && e.getMessage().contains("corrupt"), e.getMessage());
            assertEquals(before, good.size(), "every frame of the first segment replayed");
        }
    }

    @Test
    void aCutOffRecordingReadsUpToItsLastCompleteSegment() throws Exception {
        Path dir = work.resolve("cut");
        RecordingWriter writer = RecordingWriter.create(dir, 16 * 1024, Map.of());
        for (int i = 0; i < 12; i++) {
            writer.write(frame("a", i, T0 + 40L * i));
        }
        // the process dies here: no close(), the open segment is never indexed, and its tail is lost
        Path open = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("segment-")).sorted()
                .reduce((x, y) -> y).orElseThrow();
        Files.write(open, new byte[] {0x56, 0x52});
        try (RecordingReader reader = RecordingReader.open(dir)) {
            List<RecordedFrame> frames = readAll(reader);
            assertEquals(reader.totalFrames(), frames.size());
            assertTrue(frames.size() >= 7 && frames.size() < 12, "complete segments only: " + frames.size());
            assertEquals(List.of(open.getFileName().toString()), reader.unindexedSegments());
        }
    }

    @Test
    void replayKeepsCaptureTimestampsOrShiftsThemToNowAndLoops() throws Exception {
        Path dir = record(work.resolve("rec"));
        MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        try (FrameProducer producer = new FrameProducer(mock, new LocalArtifactStore(work.resolve("a")), 1_000_000)) {
            long sent = new Replayer(() -> ReplayInput.open(dir, "unused", SourceOptions.defaults()), producer,
                    ReplaySpeed.MAX, false, false, Replayer.Listener.NONE).run();
            assertEquals(30, sent);
            List<ProducerRecord<String, byte[]>> out = mock.history();
            assertEquals(T0 + 40 * 7, out.get(7).timestamp());
            assertEquals("b", out.get(7).key());
            assertEquals("3", FrameHeaders.string(out.get(7).headers(), FrameHeaders.SEQUENCE).orElseThrow());
            assertEquals("rtcp-ntp", FrameHeaders.string(out.get(7).headers(), FrameHeaders.CAPTURE_TIME_SOURCE)
                    .orElseThrow());

            mock.clear();
            long before = System.currentTimeMillis();
            Replayer looping = new Replayer(() -> ReplayInput.open(dir, "unused", SourceOptions.defaults()), producer,
                    ReplaySpeed.parse("4"), true, true, (frame, delivery, n, total) -> { });
            Thread t = new Thread(() -> {
                try {
                    looping.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            while (mock.history().size() < 45) {
                Thread.sleep(10);
            }
            looping.stop();
            t.join(5_000);
            List<ProducerRecord<String, byte[]>> shifted = mock.history();
            long elapsed = System.currentTimeMillis() - before;
            // 45 frames 40 ms apart at 4x take about 440 ms: paced, not as fast as possible
            assertTrue(elapsed >= 300, "paced at 4x: " + elapsed + " ms");
            assertTrue(Math.abs(shifted.get(0).timestamp() - before) < 1_000, "first frame moved to now");
            for (int i = 1; i < shifted.size(); i++) {
                assertTrue(shifted.get(i).timestamp() > shifted.get(i - 1).timestamp(), "time runs on across loops");
            }
            assertEquals("15", FrameHeaders.string(shifted.get(30).headers(), FrameHeaders.SEQUENCE).orElseThrow(),
                    "sequences continue in the second pass");
        }
    }
}
