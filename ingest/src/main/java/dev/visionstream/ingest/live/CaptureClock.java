package dev.visionstream.ingest.live;

import dev.visionstream.schemas.CaptureTimeSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Chooses each frame's capture time, best clock first:
 * <ol>
 *   <li>{@link CaptureTimeSource#RTCP_NTP}: FFmpeg's {@code start_time_realtime}, which its RTSP demuxer sets from
 *       the first RTCP sender report (NTP wall time of the camera, corrected to pts 0), plus the frame's pts;</li>
 *   <li>{@link CaptureTimeSource#CONTAINER}: the stream's own timestamps, anchored at the host time of the first
 *       frame of the connection; used while they increase and stay within {@link #MAX_SKEW_MICROS} of the host
 *       clock (a stream whose clock jumps or drifts is re-anchored), so camera-side frame spacing survives
 *       network jitter;</li>
 *   <li>{@link CaptureTimeSource#HOST}: the host's receive time, when the stream has no usable timestamps.</li>
 * </ol>
 * One instance per connection: a reconnect starts a new anchor.
 */
public final class CaptureClock {
    /** A container clock further than this from the host clock is re-anchored. */
    public static final long MAX_SKEW_MICROS = 1_000_000;
    /** FFmpeg's AV_NOPTS_VALUE. */
    public static final long NO_VALUE = Long.MIN_VALUE;

    /** A capture time and the clock it came from. */
    public record Stamp(Instant time, CaptureTimeSource source) {
    }

    private final boolean trustContainer;
    private long anchorHostMicros = NO_VALUE;
    private long anchorStreamMicros;
    private long lastStreamMicros = NO_VALUE;

    /** @param trustContainer false for formats whose timestamps are made up by the demuxer (MJPEG over HTTP) */
    public CaptureClock(boolean trustContainer) {
        this.trustContainer = trustContainer;
    }

    /**
     * @param streamMicros        the frame's pts in microseconds ({@link #NO_VALUE} or garbage when unknown)
     * @param realtimeStartMicros wall time of pts 0 in microseconds since the epoch, or {@link #NO_VALUE}
     * @param hostMicros          the host clock now, microseconds since the epoch
     */
    public Stamp stamp(long streamMicros, long realtimeStartMicros, long hostMicros) {
        boolean increasing = streamMicros != NO_VALUE && streamMicros >= 0
                && (lastStreamMicros == NO_VALUE || streamMicros > lastStreamMicros);
        if (realtimeStartMicros != NO_VALUE && realtimeStartMicros > 0 && streamMicros != NO_VALUE
                && streamMicros >= 0) {
            lastStreamMicros = Math.max(lastStreamMicros, streamMicros);
            return new Stamp(micros(realtimeStartMicros + streamMicros), CaptureTimeSource.RTCP_NTP);
        }
        if (!trustContainer || !increasing) {
            return new Stamp(micros(hostMicros), CaptureTimeSource.HOST);
        }
        lastStreamMicros = streamMicros;
        long anchored = anchorHostMicros == NO_VALUE ? hostMicros
                : anchorHostMicros + (streamMicros - anchorStreamMicros);
        if (anchorHostMicros == NO_VALUE || Math.abs(anchored - hostMicros) > MAX_SKEW_MICROS) {
            anchorHostMicros = hostMicros;
            anchorStreamMicros = streamMicros;
            anchored = hostMicros;
        }
        return new Stamp(micros(anchored), CaptureTimeSource.CONTAINER);
    }

    private static Instant micros(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }
}
