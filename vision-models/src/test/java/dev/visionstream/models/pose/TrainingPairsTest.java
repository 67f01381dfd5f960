package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The imperfect inits the trainer adds: noisy init poses, chained pairs and pairs aimed at their own frame. */
class TrainingPairsTest {
    private static final MotionClip CLIP = SyntheticMotion.generate(new Random(3), 30, "clip");

    @Test
    void noiseTurnsEverySolvedJointWithinItsScaleAndLeavesHandsAndTranslation() {
        Random random = new Random(11);
        BodyPose pose = CLIP.poses().get(4);
        double largest = 0;
        for (int trial = 0; trial < 50; trial++) {
            BodyPose noisy = InitNoise.perturb(pose, 6.0, random);
            double[][] before = pose.matrices();
            double[][] after = noisy.matrices();
            for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
                double degrees = Math.toDegrees(Rotations.angleBetween(before[k], after[k]));
                // |N(0,1)| beyond 6 is vanishingly rare: 6 · 6° bounds every turn
                assertTrue(degrees <= 36.0, "joint " + k + " turned " + degrees);
                largest = Math.max(largest, degrees);
            }
            for (int k = SmplSkeleton.SOLVED_JOINTS; k < SmplSkeleton.JOINTS; k++) {
                assertArrayEquals(before[k], after[k], 1e-9);
            }
            assertArrayEquals(pose.translation(), noisy.translation(), 0.0);
        }
        assertTrue(largest > 3.0, "noise too small to matter: " + largest);
    }

    @Test
    void zeroNoiseKeepsThePose() {
        BodyPose pose = CLIP.poses().get(7);
        BodyPose same = InitNoise.perturb(pose, 0.0, new Random(5));
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            assertEquals(0.0, Rotations.angleBetween(pose.matrices()[k], same.matrices()[k]), 1e-6);
        }
    }

    @Test
    void rolloutTracksStartExactThenTakeTheSolutionAsTheNextInitMovingBySpecGaps() {
        Random random = new Random(2);
        RolloutTracks tracks = new RolloutTracks(8, 12);
        List<PosePairs.Pair> first = tracks.next(List.of(CLIP), random);
        for (PosePairs.Pair pair : first) {
            int a = CLIP.poses().indexOf(pair.init());
            int b = CLIP.joints().indexOf(pair.target());
            assertTrue(a >= 0 && isSpecGap(Math.abs(b - a)), "exact start, spec gap: " + a + " -> " + b);
            assertEquals(CLIP.poses().get(b), pair.targetPose());
        }
        List<BodyPose> solved = first.stream().map(p -> InitNoise.perturb(p.targetPose(), 5, random)).toList();
        tracks.advance(solved);
        List<PosePairs.Pair> second = tracks.next(List.of(CLIP), random);
        for (int i = 0; i < second.size(); i++) {
            assertTrue(second.get(i).init() == solved.get(i) || CLIP.poses().contains(second.get(i).init()),
                    "a track goes on from its solution, or restarts at an exact pose at the clip's end");
        }
        assertTrue(IntStream.range(0, 8).filter(i -> second.get(i).init() == solved.get(i)).count()
                >= 4, "most tracks go on");
    }

    @Test
    void rolloutTracksRestartFromAnExactPoseAfterMaxAgeSteps() {
        Random random = new Random(3);
        RolloutTracks tracks = new RolloutTracks(8, 1);
        List<PosePairs.Pair> pairs = tracks.next(List.of(CLIP), random);
        tracks.advance(pairs.stream().map(p -> InitNoise.perturb(p.targetPose(), 5, random)).toList());
        for (PosePairs.Pair pair : tracks.next(List.of(CLIP), random)) {
            assertTrue(CLIP.poses().contains(pair.init()), "after maxAge steps every track restarts exactly");
        }
    }

    private static boolean isSpecGap(int s) {
        for (int g : PosePairs.GAPS) {
            if (g == s) {
                return true;
            }
        }
        return false;
    }
}
