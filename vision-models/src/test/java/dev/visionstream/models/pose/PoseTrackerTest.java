package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseTrackerTest {
    @Test
    void refinesALearnedPoseWellAboveWhatTheTrackReached() {
        PoseTracker.Settings settings = new PoseTracker.Settings(1000, 0.3, 5, 5.0);
        assertFalse(settings.refines(12, 8), "within the margin of the reachable residual");
        assertTrue(settings.refines(14, 8), "beyond the margin");
        assertFalse(settings.refines(34, 30), "a body the shape fits badly: no refinement of what no solver removes");
        assertFalse(PoseTracker.Settings.withoutRefinement().refines(1e6, 0));
    }

    @Test
    void theReachableResidualFollowsTheLastFullOrRefinedFit() throws Exception {
        MotionClip clip = SyntheticMotion.generate(new Random(11), 40, "reachable");
        try (PoseTracker tracker = PoseTracker.withDefaults()) {
            PoseTracker.Step step = tracker.step(null, clip.joints().get(0), 0, PoseTracker.Method.LEARNED);
            assertEquals(mean(step.residualsMm()), step.state().reachableResidualMm(), 1e-9);
            for (int f = 9; f < clip.frames(); f += 9) {
                double reachableBefore = step.state().reachableResidualMm();
                step = tracker.step(step.state(), clip.joints().get(f), Math.round(f * 1000 / SyntheticMotion.FPS),
                        PoseTracker.Method.LEARNED);
                if (step.method().equals("learned-refined")) {
                    assertEquals(mean(step.residualsMm()), step.state().reachableResidualMm(), 1e-9);
                    assertTrue(step.iterations() >= 1 && step.iterations() <= 10, "LM steps " + step.iterations());
                } else {
                    assertEquals("learned", step.method());
                    assertEquals(reachableBefore, step.state().reachableResidualMm());
                    assertTrue(mean(step.residualsMm())
                            <= reachableBefore + PoseTracker.Settings.defaults().refineMarginMm() + 1e-9);
                }
            }
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
