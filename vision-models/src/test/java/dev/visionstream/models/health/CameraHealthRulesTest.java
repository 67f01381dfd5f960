package dev.visionstream.models.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.image.LumaImage;
import dev.visionstream.schemas.HealthFinding;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.SourceCoordinates;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraHealthRulesTest {
    private static final HealthThresholds T = new HealthThresholds(3, 1.0, 16, 0.9, 245, 0.9, 2.0);
    private final Random random = new Random(7);

    private FrameObservation frame(long seq, int w, int h, byte[] luma, long wallMs) {
        return new FrameObservation(seq, w, h, LumaImage.of(w, h, luma),
                new SourceCoordinates("c", "vision.frames", 0, seq, seq), seq * 100, wallMs);
    }

    private byte[] noise(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (40 + random.nextInt(160));
        }
        return b;
    }

    private static byte[] constant(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static List<HealthKind> kinds(HealthEvaluation e) {
        return e.findings().stream().map(HealthFinding::kind).toList();
    }

    @Test
    void changingContentRaisesNothing() {
        CameraHealthState state = null;
        for (int i = 0; i < 10; i++) {
            HealthEvaluation e = CameraHealthRules.evaluate(state, frame(i, 64, 48, noise(64 * 48), i), T);
            assertEquals(List.of(), kinds(e));
            assertEquals(1, e.stats().identicalRun());
            state = e.next();
        }
    }

    @Test
    void frozenFiresFromTheNthIdenticalFrame() {
        byte[] still = noise(64 * 48);
        CameraHealthState state = null;
        for (int i = 1; i <= 4; i++) {
            HealthEvaluation e = CameraHealthRules.evaluate(state, frame(i, 64, 48, still, i), T);
            assertEquals(i >= 3 ? List.of(HealthKind.FROZEN) : List.of(), kinds(e), "frame " + i);
            assertEquals(i, e.stats().identicalRun());
            state = e.next();
        }
    }

    @Test
    void blackAndOverexposedFrames() {
        assertEquals(List.of(HealthKind.BLACK),
                kinds(CameraHealthRules.evaluate(null, frame(1, 8, 8, constant(64, 3), 0), T)));
        assertEquals(List.of(HealthKind.OVEREXPOSED),
                kinds(CameraHealthRules.evaluate(null, frame(1, 8, 8, constant(64, 250), 0), T)));
        assertEquals(List.of(), kinds(CameraHealthRules.evaluate(null, frame(1, 8, 8, constant(64, 128), 0), T)));
    }

    @Test
    void sequenceGapCountsMissingFramesAndLateFramesDoNotRewind() {
        CameraHealthState s = CameraHealthRules.evaluate(null, frame(5, 8, 8, noise(64), 0), T).next();
        HealthEvaluation gap = CameraHealthRules.evaluate(s, frame(9, 8, 8, noise(64), 1), T);
        assertEquals(List.of(HealthKind.SEQUENCE_GAP), kinds(gap));
        assertEquals(3.0, gap.findings().get(0).value());
        HealthEvaluation late = CameraHealthRules.evaluate(gap.next(), frame(7, 8, 8, noise(64), 2), T);
        assertEquals(List.of(), kinds(late));
        assertEquals(9, late.next().lastSequence());
    }

    @Test
    void resolutionChangeIsReportedAndRestartsTheFrozenRun() {
        byte[] still = constant(64 * 48, 100);
        CameraHealthState s = CameraHealthRules.evaluate(null, frame(1, 64, 48, still, 0), T).next();
        s = CameraHealthRules.evaluate(s, frame(2, 64, 48, still, 0), T).next();
        HealthEvaluation e = CameraHealthRules.evaluate(s, frame(3, 32, 24, constant(32 * 24, 100), 0), T);
        assertEquals(List.of(HealthKind.RESOLUTION_CHANGE), kinds(e));
        assertEquals(1, e.stats().identicalRun());
        assertTrue(e.findings().get(0).message().contains("64x48 to 32x24"));
    }

    @Test
    void stallIsReportedOnceAfterTheThreshold() {
        CameraHealthState s = CameraHealthRules.evaluate(null, frame(1, 8, 8, noise(64), 10_000), T).next();
        assertTrue(CameraHealthRules.checkStall(s, 11_999).isEmpty());
        HealthFinding stall = CameraHealthRules.checkStall(s, 12_500).orElseThrow();
        assertEquals(HealthKind.STALL, stall.kind());
        assertEquals(2.5, stall.value(), 1e-9);
        assertTrue(CameraHealthRules.checkStall(s.withStallReported(), 20_000).isEmpty());
    }
}
