package dev.visionstream.ingest.live;

import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.EncodedImage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameEncoder;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSentListener;
import dev.visionstream.ingest.live.CaptureClock.Stamp;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CameraSource;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.HealthKind;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one camera on threads of its own, so that whatever happens to it never holds up another camera:
 * <ul>
 *   <li>a <b>reader</b> connects (FFmpeg, with read timeouts), decodes and hands frames over; when the stream ends or
 *       fails it reports {@link HealthKind#DISCONNECTED} and reconnects with {@link Backoff capped exponential
 *       backoff and jitter}, then reports {@link HealthKind#RECONNECTED}; a size change between frames is reported
 *       as {@link HealthKind#RESOLUTION_CHANGE} and simply encoded at the new size;</li>
 *   <li>a <b>sender</b> encodes (JPEG quality and maximum width of the camera) and produces; frames too large for
 *       the topic take the producer's claim-check path;</li>
 *   <li>a <b>watchdog</b> (shared timer) reports a {@link HealthKind#STALL} when no frame came for
 *       {@code stallSeconds} and forces a reconnect; if FFmpeg ignores its timeouts and a read stays blocked, the
 *       reader is abandoned (it closes its own decoder if it ever returns) and a fresh one takes over. It also
 *       reports {@link HealthKind#FRAMES_DROPPED} with the count since the last report.</li>
 * </ul>
 * Policy: <b>live</b> hands frames over through a small {@link FrameHandoff} that drops the oldest when the sender
 * falls behind, so latency stays bounded; <b>replay</b> never drops: the reader waits for the sender. Video files
 * are paced to their own frame rate and stamped with their container time anchored at the start; they end at the
 * end of the file instead of reconnecting.
 */
public final class LiveCamera implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCamera.class);
    static final String END_OF_STREAM = "stream ended";
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    private static final long WATCHDOG_PERIOD_MS = 100;
    private static final ScheduledExecutorService WATCHDOGS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final String cameraId;
    private final CameraSource source;
    private final boolean livePolicy;
    private final boolean endsAtEof;
    private final FrameProducer producer;
    private final IngestEvents events;
    private final FrameSentListener listener;
    private final FrameHandoff<DecodedFrame> handoff;
    private final CameraStats stats = new CameraStats();
    private final Duration ioTimeout;
    private final long stallNanos;
    private final long blockedLimitNanos;
    private final long dropReportNanos;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicBoolean reconnectRequested = new AtomicBoolean();

    private volatile boolean running;
    private volatile boolean finished;
    private volatile boolean connected;
    private volatile boolean stallReported;
    private volatile long lastFrameNanos;
    private volatile long nativeCallSinceNanos = -1;
    private volatile long lastSequence = -1;
    private volatile Thread reader;
    private Thread sender;
    private ScheduledFuture<?> watchdog;
    private long droppedReported;
    private long lastDropReportNanos = System.nanoTime();
    private int lastWidth;
    private int lastHeight;
    private long nextSequence;

    /**
     * @param config   the camera: its id, {@code policy} and {@code source} (required)
     * @param listener told about every produced frame (progress, benchmarks)
     */
    public LiveCamera(CameraConfig config, FrameProducer producer, IngestEvents events, FrameSentListener listener) {
        this(config, producer, events, listener, Duration.ofSeconds(5));
    }

    /** @param dropReportInterval how often dropped frames are reported (when there were any) */
    public LiveCamera(CameraConfig config, FrameProducer producer, IngestEvents events, FrameSentListener listener,
                      Duration dropReportInterval) {
        this.cameraId = config.cameraId();
        this.source = Objects.requireNonNull(config.source(), "camera " + cameraId + " has no source");
        this.livePolicy = config.livePolicy();
        this.endsAtEof = !SourceGrabbers.kindOf(source.url()).isLive();
        this.producer = Objects.requireNonNull(producer, "producer");
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.handoff = new FrameHandoff<>(source.queueCapacity());
        this.ioTimeout = Duration.ofMillis(Math.max(200, (long) (source.stallSeconds() * 1000)));
        this.stallNanos = ioTimeout.toNanos();
        this.blockedLimitNanos = Math.max(Duration.ofSeconds(20).toNanos(), 4 * stallNanos);
        this.dropReportNanos = dropReportInterval.toNanos();
    }

    public String cameraId() {
        return cameraId;
    }

    public CameraSource source() {
        return source;
    }

    public CameraStats stats() {
        return stats;
    }

    /** True once a video file has been read to its end (or could not be opened); live sources never finish. */
    public boolean finished() {
        return finished;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        lastFrameNanos = System.nanoTime();
        sender = new Thread(this::sendLoop, "ingest-" + cameraId + "-send");
        sender.setDaemon(true);
        sender.start();
        startReader(generation.get());
        watchdog = WATCHDOGS.scheduleAtFixedRate(this::watch, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Waits until a file source has been read and produced to its end; false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (finished && handoff.size() == 0 && !sender.isAlive()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Stops reading and producing; frames still queued are discarded. Waits briefly for the reader, never on a
     * blocked read: that reader notices it was replaced when FFmpeg returns and closes its own decoder.
     */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        generation.incrementAndGet();
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
        sender.interrupt();
        try {
            sender.join(2_000);
            if (r != null) {
                r.join(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("camera {} stopped: {}", cameraId, stats);
    }

    private void startReader(int gen) {
        Thread t = new Thread(() -> readLoop(gen), "ingest-" + cameraId + "-read-" + gen);
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private boolean current(int gen) {
        return running && generation.get() == gen;
    }

    // ---- reader ----

    private void readLoop(int gen) {
        Backoff backoff = new Backoff(INITIAL_BACKOFF, Duration.ofMillis((long) (source.maxBackoffSeconds() * 1000)),
                new Random());
        String lastFailure = null;
        long downSinceNanos = -1;
        try {
            while (current(gen)) {
                FFmpegFrameGrabber grabber;
                try {
                    nativeCallSinceNanos = System.nanoTime();
                    grabber = SourceGrabbers.start(source, ioTimeout);
                } catch (Exception | LinkageError e) {
                    nativeCallSinceNanos = -1;
                    if (!current(gen)) {
                        return;
                    }
                    stats.failedConnects.incrementAndGet();
                    String message = "cannot open " + source.url() + ": " + SourceGrabbers.describe(e);
                    if (!message.equals(lastFailure)) {
                        events.publish(IngestEvents.error(cameraId, sequenceOrNull(), ErrorReason.SOURCE_UNAVAILABLE,
                                message, e));
                        lastFailure = message;
                    }
                    if (endsAtEof) {
                        finished = true;
                        return; // a file that cannot be opened will not open later either
                    }
                    Thread.sleep(backoff.next().toMillis());
                    continue;
                }
                nativeCallSinceNanos = -1;
                if (!current(gen)) {
                    release(grabber);
                    return;
                }
                lastFailure = null;
                stats.connects.incrementAndGet();
                if (downSinceNanos >= 0) {
                    double down = (System.nanoTime() - downSinceNanos) / 1e9;
                    events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.RECONNECTED,
                            String.format("receiving from %s again after %.1f s down, %d failed attempt(s)",
                                    source.url(), down, backoff.failures()), down, 0));
                }
                backoff.reset();
                String ended;
                try {
                    ended = readFrames(grabber, gen);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    ended = "read failed: " + SourceGrabbers.describe(e);
                } finally {
                    connected = false;
                    nativeCallSinceNanos = -1;
                    release(grabber);
                }
                if (!current(gen)) {
                    return;
                }
                if (endsAtEof && END_OF_STREAM.equals(ended)) {
                    finished = true;
                    LOG.info("camera {}: {} read to its end", cameraId, source.url());
                    return;
                }
                stats.disconnects.incrementAndGet();
                downSinceNanos = System.nanoTime();
                events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.DISCONNECTED,
                        "lost " + source.url() + ": " + ended + "; reconnecting", 0, 0));
                Thread.sleep(backoff.next().toMillis());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Reads until the stream ends, fails, stalls or this reader is replaced; returns why it stopped. */
    private String readFrames(FFmpegFrameGrabber grabber, int gen) throws Exception {
        CaptureClock clock = new CaptureClock(!"mpjpeg".equals(grabber.getFormat()));
        Instant fileAnchor = Instant.now();
        long fileStartNanos = -1;
        long fileStartMicros = 0;
        long capIntervalNanos = source.fpsCap() == null ? 0 : (long) (1e9 / source.fpsCap());
        long nextAllowedNanos = Long.MIN_VALUE;
        reconnectRequested.set(false);
        stallReported = false;
        lastFrameNanos = System.nanoTime();
        connected = true;
        while (current(gen)) {
            if (reconnectRequested.getAndSet(false)) {
                return String.format("no frame for %.1f s (stall)", source.stallSeconds());
            }
            nativeCallSinceNanos = System.nanoTime();
            var decoded = grabber.grabImage(); // JavaCV's Frame, not this project's
            nativeCallSinceNanos = -1;
            if (decoded == null || decoded.image == null) {
                return stallReported ? String.format("no frame for %.1f s (stall)", source.stallSeconds())
                        : END_OF_STREAM;
            }
            long now = System.nanoTime();
            lastFrameNanos = now;
            stallReported = false;
            stats.decoded.incrementAndGet();
            noteResolution(decoded.imageWidth, decoded.imageHeight);
            Stamp stamp;
            if (endsAtEof) {
                if (fileStartNanos < 0) {
                    fileStartNanos = now;
                    fileStartMicros = decoded.timestamp;
                }
                long offsetMicros = decoded.timestamp - fileStartMicros;
                sleepUntil(fileStartNanos + offsetMicros * 1000);
                stamp = new Stamp(fileAnchor.plus(offsetMicros, ChronoUnit.MICROS), CaptureTimeSource.CONTAINER);
            } else {
                stamp = clock.stamp(decoded.timestamp, realtimeStart(grabber), hostMicros());
            }
            if (capIntervalNanos > 0) {
                if (now < nextAllowedNanos) {
                    stats.skippedByCap.incrementAndGet();
                    continue;
                }
                // a steady cadence, without a burst after a gap
                nextAllowedNanos = Math.max(nextAllowedNanos + capIntervalNanos, now - capIntervalNanos / 2);
            }
            BufferedImage image = new BufferedImage(decoded.imageWidth, decoded.imageHeight,
                    Java2DFrameConverter.getBufferedImageType(decoded));
            Java2DFrameConverter.copy(decoded, image);
            DecodedFrame frame = new DecodedFrame(image, stamp, now);
            if (livePolicy) {
                if (handoff.offerDroppingOldest(frame) != null) {
                    stats.dropped.incrementAndGet();
                }
            } else {
                handoff.put(frame);
            }
        }
        return "stopped";
    }

    private void noteResolution(int width, int height) {
        if (lastWidth > 0 && (width != lastWidth || height != lastHeight)) {
            events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.RESOLUTION_CHANGE,
                    String.format("resolution changed from %dx%d to %dx%d", lastWidth, lastHeight, width, height),
                    (double) width * height, (double) lastWidth * lastHeight));
        }
        lastWidth = width;
        lastHeight = height;
    }

    private static long realtimeStart(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        return context == null ? CaptureClock.NO_VALUE : context.start_time_realtime();
    }

    private static long hostMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception e) {
            LOG.debug("camera {}: closing the decoder failed: {}", cameraId, e.getMessage());
        }
    }

    // ---- sender ----

    private void sendLoop() {
        FrameEncoder encoder = new FrameEncoder(source.jpegQuality().floatValue(), source.maxWidth());
        try {
            while (running) {
                DecodedFrame next = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (finished && handoff.size() == 0) {
                        return;
                    }
                    continue;
                }
                send(encoder, next);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void send(FrameEncoder encoder, DecodedFrame decoded) {
        try {
            EncodedImage jpeg = encoder.encode(decoded.image());
            Frame frame = Frame.of(cameraId, nextSequence, decoded.capture().time(), decoded.capture().source(), jpeg);
            var delivery = producer.send(frame);
            lastSequence = nextSequence++;
            stats.produced.incrementAndGet();
            stats.recordLatency(System.nanoTime() - decoded.receivedNanos());
            listener.frameSent(frame, delivery);
        } catch (ArtifactException | KafkaException e) {
            LOG.warn("camera {}: frame not produced: {}", cameraId, e.getMessage());
            events.publish(IngestEvents.error(cameraId, sequenceOrNull(), ErrorReason.OVERSIZED_RECORD,
                    "frame not produced: " + e.getMessage(), e));
        }
    }

    // ---- watchdog ----

    private void watch() {
        try {
            long now = System.nanoTime();
            if (running && connected && !stallReported && now - lastFrameNanos > stallNanos) {
                stallReported = true;
                stats.stalls.incrementAndGet();
                reconnectRequested.set(true);
                double silent = (now - lastFrameNanos) / 1e9;
                events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.STALL,
                        String.format("no frame from %s for %.1f s: forcing a reconnect", source.url(), silent),
                        silent, source.stallSeconds()));
            }
            long since = nativeCallSinceNanos;
            if (running && !finished && since > 0 && now - since > blockedLimitNanos) {
                abandonBlockedReader(now - since);
            }
            reportDrops(now);
        } catch (RuntimeException e) {
            LOG.warn("camera {}: watchdog check failed", cameraId, e);
        }
    }

    /** FFmpeg ignored its timeouts: leave the blocked reader behind (it cleans up if it returns) and start anew. */
    private synchronized void abandonBlockedReader(long blockedNanos) {
        if (!running) {
            return;
        }
        int gen = generation.incrementAndGet();
        nativeCallSinceNanos = -1;
        connected = false;
        stats.disconnects.incrementAndGet();
        events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.DISCONNECTED,
                String.format("read from %s blocked for %.1f s: abandoned it, reconnecting", source.url(),
                        blockedNanos / 1e9), blockedNanos / 1e9, blockedLimitNanos / 1e9));
        startReader(gen);
    }

    private void reportDrops(long now) {
        long dropped = stats.dropped();
        if (dropped > droppedReported && now - lastDropReportNanos >= dropReportNanos) {
            long fresh = dropped - droppedReported;
            double seconds = (now - lastDropReportNanos) / 1e9;
            droppedReported = dropped;
            lastDropReportNanos = now;
            String message = String.format("dropped the %d oldest frame(s) in %.1f s (%d in all): producing is "
                    + "slower than the camera", fresh, seconds, dropped);
            LOG.warn("camera {}: {}", cameraId, message);
            events.publish(IngestEvents.health(cameraId, sequenceOrNull(), HealthKind.FRAMES_DROPPED, message, fresh,
                    handoff.capacity()));
        } else if (dropped == droppedReported) {
            lastDropReportNanos = Math.max(lastDropReportNanos, now - dropReportNanos);
        }
    }

    private Long sequenceOrNull() {
        long s = lastSequence;
        return s < 0 ? null : s;
    }
}
