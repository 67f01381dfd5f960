package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Four tracks stepped together, one request each per call, give what each gives stepped alone: the learned steps
     * share one network pass per solver pass, a new track and a track back from a gap go iterative, and a track whose
     * bones jump fails alone with the same error while the others go on. The steps are the same (solver, init,
     * iterations, state counts, shape); the numbers agree to the float32 rounding of the network, whose matrix
     * products round differently for a batch of four than for one (measured here: at most 2.7e-7 m on a fitted
     * joint, 5.4e-7 rad on a rotation; the bounds below are 1 µm and 1e-5 rad).
     */
    @Test
    void tracksSteppedTogetherGiveWhatEachGivesAlone() throws Exception {
        int tracks = 4;
        int frames = 8;
        List<MotionClip> clips = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            clips.add(SyntheticMotion.generate(new Random(20 + t), frames, "track-" + t));
        }
        TrackState[] alone = new TrackState[tracks];
        TrackState[] together = new TrackState[tracks];
        List<String> methods = new ArrayList<>();
        int failures = 0;
        try (PoseTracker one = PoseTracker.withDefaults(); PoseTracker batched = PoseTracker.withDefaults()) {
            for (int f = 0; f < frames; f++) {
                List<PoseTracker.Request> requests = new ArrayList<>();
                for (int t = 0; t < tracks; t++) {
                    requests.add(new PoseTracker.Request(together[t], targets(clips.get(t), t, f), time(t, f),
                            PoseTracker.Method.LEARNED));
                }
                List<PoseTracker.Attempt> attempts = batched.stepAll(requests);
                assertEquals(tracks, attempts.size());
                for (int t = 0; t < tracks; t++) {
                    PoseTracker.Attempt attempt = attempts.get(t);
                    PoseTracker.Step expected;
                    try {
                        expected = one.step(alone[t], targets(clips.get(t), t, f), time(t, f),
                                PoseTracker.Method.LEARNED);
                    } catch (BadPoseInputException e) {
                        assertEquals(e.getMessage(), assertThrows(BadPoseInputException.class, attempt::get)
                                .getMessage(), "track " + t + " frame " + f);
                        alone[t] = null;
                        together[t] = null;
                        failures++;
                        continue;
                    }
                    PoseTracker.Step got = attempt.get();
                    String where = "track " + t + " frame " + f;
                    assertSameStep(expected, got, where);
                    alone[t] = expected.state();
                    together[t] = got.state();
                    methods.add(got.method());
                }
            }
        }
        assertEquals(1, failures, "the stretched frame of track 2");
        assertTrue(methods.stream().filter(m -> m.startsWith("learned")).count() >= 2L * tracks,
                "learned steps, stepped together: " + methods);
        assertTrue(methods.contains("iterative"), "new tracks, the reset one and the one back from its gap");
    }

    private static void assertSameStep(PoseTracker.Step expected, PoseTracker.Step got, String where) {
        assertEquals(expected.method(), got.method(), where);
        assertEquals(expected.initSource(), got.initSource(), where);
        assertEquals(expected.iterations(), got.iterations(), where);
        TrackState e = expected.state();
        TrackState g = got.state();
        assertEquals(e.shape(), g.shape(), where);
        assertEquals(List.of(e.shapeFrames(), e.timestampMs(), e.frames()),
                List.of(g.shapeFrames(), g.timestampMs(), g.frames()), where);
        assertEquals(e.reachableResidualMm(), g.reachableResidualMm(), 1e-3, where);
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            assertArrayEquals(expected.pose().axisAngles()[k], got.pose().axisAngles()[k], 1e-5, where);
            assertArrayEquals(expected.fittedJoints()[k], got.fittedJoints()[k], 1e-6, where);
        }
        assertArrayEquals(expected.pose().translation(), got.pose().translation(), 1e-6, where);
        assertArrayEquals(expected.residualsMm(), got.residualsMm(), 1e-3, where);
    }

    /** Track 2's bones jump at frame 3; the others follow their clips. */
    private static double[][] targets(MotionClip clip, int track, int frame) {
        double[][] joints = Arrays.stream(clip.joints().get(frame)).map(double[]::clone).toArray(double[][]::new);
        if (track == 2 && frame == 3) {
            for (double[] j : joints) {
                for (int i = 0; i < 3; i++) {
                    j[i] *= 1.5;
                }
            }
        }
        return joints;
    }

    /** Track 3 is silent for two seconds before frame 5, longer than the gap limit. */
    private static long time(int track, int frame) {
        return Math.round(frame * 1000 / SyntheticMotion.FPS) + (track == 3 && frame >= 5 ? 2_000 : 0);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
