package dev.visionstream.ingest.replay;

import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces a recording or video back to {@code vision.frames}: every frame, in order, never dropped (replay
 * policy), paced to {@link ReplaySpeed} times the recorded rate or as fast as possible.
 *
 * <p>Capture timestamps are kept as recorded, so the topology gives the same results as the first time; with
 * {@code shiftToNow} they are moved so the first frame is "now" (for consumers that look at wall-clock
 * freshness). With {@code loop} the input starts over at its end until {@link #stop()}; a shifted loop keeps
 * time and sequence numbers running on, as a live camera would, while an unshifted loop repeats them.
 */
public final class Replayer {
    /** Told about every frame sent: for progress bars and demos. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (frame, delivery, sent, total) -> { };

        /** {@code sent} counts frames so far including this one; {@code total} is per pass, when known. */
        void frameSent(Frame frame, Future<RecordMetadata> delivery, long sent, OptionalLong total);
    }

    /** Opens the input afresh for every pass of a loop. */
    @FunctionalInterface
    public interface Opener {
        ReplayInput open() throws IOException;
    }

    private final Opener opener;
    private final FrameProducer producer;
    private final ReplaySpeed speed;
    private final boolean loop;
    private final boolean shiftToNow;
    private final Listener listener;
    private volatile boolean stopped;

    public Replayer(Opener opener, FrameProducer producer, ReplaySpeed speed, boolean loop, boolean shiftToNow,
                    Listener listener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.speed = Objects.requireNonNull(speed, "speed");
        this.loop = loop;
        this.shiftToNow = shiftToNow;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Ends a looping replay after the current frame. */
    public void stop() {
        stopped = true;
    }

    /**
     * Runs the replay, then flushes the producer so every frame is acknowledged (or failed) on return.
     *
     * @return frames sent
     * @throws IOException for an unreadable input, e.g. a
     *                     {@link dev.visionstream.ingest.recording.CorruptSegmentException} naming the bad segment,
     *                     after every frame before it was sent
     */
    public long run() throws IOException, InterruptedException {
        long sent = 0;
        long shiftMs = 0;
        long sequenceOffset = 0;
        boolean first = true;
        try {
            do {
                long passFirstMs = Long.MAX_VALUE;
                long passLastMs = Long.MIN_VALUE;
                long passMaxSequence = -1;
                long passFrames = 0;
                long passWallStartNanos = 0;
                try (ReplayInput input = opener.open()) {
                    OptionalLong total = input.totalFrames();
                    for (Optional<Frame> next = input.next(); next.isPresent() && !stopped; next = input.next()) {
                        Frame recorded = next.get();
                        long captureMs = recorded.captureTime().toEpochMilli();
                        if (first) {
                            first = false;
                            shiftMs = shiftToNow ? System.currentTimeMillis() - captureMs : 0;
                        }
                        if (passFrames == 0) {
                            passWallStartNanos = System.nanoTime();
                            passFirstMs = captureMs;
                        }
                        // recordings of several cameras interleave partitions: never wait for an earlier timestamp
                        if (speed.paced() && captureMs > passFirstMs) {
                            sleepUntil(passWallStartNanos + (long) ((captureMs - passFirstMs) * 1e6 / speed.factor()));
                        }
                        passLastMs = Math.max(passLastMs, captureMs);
                        passMaxSequence = Math.max(passMaxSequence, recorded.sequence());
                        passFrames++;
                        Frame frame = shiftMs == 0 && sequenceOffset == 0 ? recorded
                                : moved(recorded, shiftMs, sequenceOffset);
                        sent++;
                        listener.frameSent(frame, producer.send(frame), sent, total);
                    }
                }
                if (loop && shiftToNow && passFrames > 0) {
                    // the next pass follows this one in time, one mean frame interval later, with fresh sequences
                    long span = passLastMs - passFirstMs;
                    shiftMs += span + Math.max(1, span / Math.max(1, passFrames - 1));
                    sequenceOffset += passMaxSequence + 1;
                }
                if (passFrames == 0) {
                    break; // an empty input would loop forever
                }
            } while (loop && !stopped);
        } finally {
            producer.flush();
        }
        return sent;
    }

    private static Frame moved(Frame f, long shiftMs, long sequenceOffset) {
        return new Frame(f.cameraId(), f.sequence() + sequenceOffset, Instant.ofEpochMilli(
                f.captureTime().toEpochMilli() + shiftMs).plusNanos(f.captureTime().getNano() % 1_000_000),
                f.captureTimeSource(), f.width(), f.height(), f.contentType(), f.bytes());
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
