package dev.visionstream.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pumps the frames of one {@link FrameSource} into a {@link FrameProducer}: replay mode, every frame is sent, in
 * order, optionally at the source's own rate. Neither the source nor the producer is closed here; their owner does.
 */
public final class IngestRun {
    /** No limit on the number of frames. */
    public static final long ALL_FRAMES = Long.MAX_VALUE;

    private final FrameSource source;
    private final FrameProducer producer;
    private final Pacing pacing;
    private final long maxFrames;
    private final FrameSentListener listener;

    /**
     * @param maxFrames stop after this many frames ({@link #ALL_FRAMES} to read the source to its end)
     * @throws IllegalArgumentException for {@link Pacing#SOURCE_RATE} on a source without a frame rate, whose capture
     *                                  times (file modification times) say nothing about replay speed
     */
    public IngestRun(FrameSource source, FrameProducer producer, Pacing pacing, long maxFrames,
                     FrameSentListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must be >= 0: " + maxFrames);
        }
        if (pacing == Pacing.SOURCE_RATE && source.frameRate().isEmpty()) {
            throw new IllegalArgumentException("cannot pace camera " + source.cameraId()
                    + " to its source rate: the source has no frame rate");
        }
        this.maxFrames = maxFrames;
    }

    /** Every frame, as fast as possible, with no listener. */
    public IngestRun(FrameSource source, FrameProducer producer) {
        this(source, producer, Pacing.AS_FAST_AS_POSSIBLE, ALL_FRAMES, FrameSentListener.NONE);
    }

    /**
     * Sends frames until the source ends or {@code maxFrames} were sent, then flushes the producer so that every
     * sent frame is acknowledged (or has failed) on return.
     *
     * @return the number of frames sent
     */
    public long run() throws IOException, InterruptedException {
        long sent = 0;
        long wallStartNanos = 0;
        Instant firstCapture = null;
        while (sent < maxFrames) {
            Optional<Frame> next = source.next();
            if (next.isEmpty()) {
                break;
            }
            Frame frame = next.get();
            if (firstCapture == null) {
                wallStartNanos = System.nanoTime();
                firstCapture = frame.captureTime();
            } else if (pacing == Pacing.SOURCE_RATE) {
                sleepUntil(wallStartNanos + Duration.between(firstCapture, frame.captureTime()).toNanos());
            }
            listener.frameSent(frame, producer.send(frame));
            sent++;
        }
        // not in a finally: on failure the producer's close() still delivers what was sent, and a flush here could
        // hide the original exception
        producer.flush();
        return sent;
    }

    /**
     * Sleeps until {@link System#nanoTime()} reaches {@code deadlineNanos}; returns at once if it already has, so a
     * slow source catches up instead of drifting further behind.
     */
    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }
}
