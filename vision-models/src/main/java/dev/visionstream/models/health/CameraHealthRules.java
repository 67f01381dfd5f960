package dev.visionstream.models.health;

import dev.visionstream.models.image.LumaImage;
import dev.visionstream.schemas.FrameStats;
import dev.visionstream.schemas.HealthFinding;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.HealthThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Camera-health rules: frozen video, black and overexposed frames, sequence gaps, resolution changes (per frame)
 * and stalls (on a timer). Pure functions of the previous state, the frame and the thresholds.
 */
public final class CameraHealthRules {
    public static final int THUMB_WIDTH = 32;
    public static final int THUMB_HEIGHT = 24;

    private CameraHealthRules() {
    }

    /** Evaluates one frame; {@code previous} is null for the first frame of a camera. */
    public static HealthEvaluation evaluate(CameraHealthState previous, FrameObservation frame, HealthThresholds t) {
        List<HealthFinding> findings = new ArrayList<>();
        LumaImage.Exposure exposure = frame.luma().exposure(t.blackLuma(), t.overexposedLuma());
        byte[] thumbnail = frame.luma().thumbnail(THUMB_WIDTH, THUMB_HEIGHT);

        boolean sameResolution = previous != null
                && previous.width() == frame.width() && previous.height() == frame.height();
        if (previous != null && !sameResolution) {
            findings.add(new HealthFinding(HealthKind.RESOLUTION_CHANGE,
                    "resolution changed from " + previous.width() + "x" + previous.height() + " to "
                            + frame.width() + "x" + frame.height(),
                    (double) frame.width() * frame.height(), (double) previous.width() * previous.height()));
        }
        if (previous != null && frame.sequence() > previous.lastSequence() + 1) {
            long missing = frame.sequence() - previous.lastSequence() - 1;
            findings.add(new HealthFinding(HealthKind.SEQUENCE_GAP,
                    missing + " frame(s) missing between sequence " + previous.lastSequence() + " and "
                            + frame.sequence(), missing, 0));
        }

        int identicalRun = sameResolution && maxAbsDiff(previous.thumbnail(), thumbnail) <= t.frozenMaxDiff()
                ? previous.identicalRun() + 1 : 1;
        if (identicalRun >= t.frozenRepeats()) {
            findings.add(new HealthFinding(HealthKind.FROZEN,
                    "same image content for " + identicalRun + " frames in a row", identicalRun, t.frozenRepeats()));
        }
        if (exposure.darkFraction() >= t.blackFraction()) {
            findings.add(new HealthFinding(HealthKind.BLACK,
                    String.format("%.0f%% of pixels darker than luma %d", 100 * exposure.darkFraction(), t.blackLuma()),
                    exposure.darkFraction(), t.blackFraction()));
        }
        if (exposure.brightFraction() >= t.overexposedFraction()) {
            findings.add(new HealthFinding(HealthKind.OVEREXPOSED,
                    String.format("%.0f%% of pixels brighter than luma %d", 100 * exposure.brightFraction(),
                            t.overexposedLuma()),
                    exposure.brightFraction(), t.overexposedFraction()));
        }

        FrameStats stats = new FrameStats(frame.width(), frame.height(), exposure.meanLuma(),
                exposure.darkFraction(), exposure.brightFraction(), identicalRun);
        // a frame that arrives out of order must not move the sequence back, or the next frame reads as a gap
        long lastSequence = previous == null ? frame.sequence() : Math.max(previous.lastSequence(), frame.sequence());
        CameraHealthState next = new CameraHealthState(lastSequence, frame.width(), frame.height(), thumbnail,
                identicalRun, frame.source(), frame.captureMs(), frame.wallMs(), t.stallSeconds(), false);
        return new HealthEvaluation(List.copyOf(findings), stats, next);
    }

    /** A stall finding when no frame arrived for the camera's stall time and none was reported yet. */
    public static Optional<HealthFinding> checkStall(CameraHealthState state, long wallNowMs) {
        double silentSeconds = (wallNowMs - state.lastSeenWallMs()) / 1000.0;
        if (state.stallReported() || silentSeconds < state.stallSeconds()) {
            return Optional.empty();
        }
        return Optional.of(new HealthFinding(HealthKind.STALL,
                String.format("no frame for %.1f s (last sequence %d)", silentSeconds, state.lastSequence()),
                silentSeconds, state.stallSeconds()));
    }

    static int maxAbsDiff(byte[] a, byte[] b) {
        if (a == null || a.length != b.length) {
            return Integer.MAX_VALUE;
        }
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }
}
