package dev.visionstream.app.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.schemas.CaptureTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A recording replayed faster than it was made keeps every frame, but none is captured after it is read. */
class LiveStampedInputTest {
    @Test
    void framesRecordedAheadOfTheClockAreStampedWhenRead() throws Exception {
        // what a video stamped from "now" forward gives when read faster than its frame rate
        Instant ahead = Instant.now().plus(Duration.ofMinutes(1));
        List<Frame> recorded = List.of(frame(0, ahead), frame(1, ahead.plusMillis(100)),
                frame(2, ahead.plusMillis(200)));
        Iterator<Frame> frames = recorded.iterator();
        boolean[] closed = {false};
        ReplayInput source = new ReplayInput() {
            @Override
            public Optional<Frame> next() {
                return frames.hasNext() ? Optional.of(frames.next()) : Optional.empty();
            }

            @Override
            public OptionalLong totalFrames() {
                return OptionalLong.of(recorded.size());
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Instant before = Instant.now();
        try (ReplayInput live = new LiveStampedInput(source)) {
            assertEquals(OptionalLong.of(3), live.totalFrames());
            Instant previous = before;
            for (Frame original : recorded) {
                Frame stamped = live.next().orElseThrow();
                assertFalse(stamped.captureTime().isAfter(Instant.now()), "captured in the future");
                assertFalse(stamped.captureTime().isBefore(previous), "in reading order");
                assertEquals(CaptureTimeSource.HOST, stamped.captureTimeSource());
                assertEquals(original.sequence(), stamped.sequence());
                assertEquals(original.cameraId(), stamped.cameraId());
                assertArrayEquals(original.bytes(), stamped.bytes());
                previous = stamped.captureTime();
            }
            assertTrue(live.next().isEmpty());
        }
        assertTrue(closed[0], "closes the recording");
    }

    private static Frame frame(long sequence, Instant capture) {
        return new Frame("walkway", sequence, capture, CaptureTimeSource.CONTAINER, 4, 3, "image/jpeg",
                new byte[] {(byte) sequence, 1, 2});
    }
}
