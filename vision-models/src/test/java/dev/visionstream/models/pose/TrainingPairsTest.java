package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
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
    void chainsLinkTwoPairsOfOneClipThroughTheMiddleFrameWithTheSpecGaps() {
        Random random = new Random(2);
        List<MotionClip> clips = List.of(CLIP);
        for (int trial = 0; trial < 200; trial++) {
            PosePairs.Chain chain = PosePairs.randomChain(clips, random);
            int a = CLIP.poses().indexOf(chain.first().init());
            int m = CLIP.joints().indexOf(chain.first().target());
            int b = CLIP.joints().indexOf(chain.target());
            assertTrue(a >= 0 && m >= 0 && b >= 0, "frames come from the clip");
            assertTrue(isSpecGap(Math.abs(m - a)) && isSpecGap(Math.abs(b - m)), a + " -> " + m + " -> " + b);
            assertEquals(CLIP.poses().get(m), chain.first().targetPose());
            assertEquals(CLIP.poses().get(b), chain.targetPose());
        }
    }

    @Test
    void stayPairsAimAtTheirOwnFrame() {
        Random random = new Random(4);
        for (int trial = 0; trial < 50; trial++) {
            PosePairs.Pair pair = PosePairs.stay(List.of(CLIP), random);
            int t = CLIP.poses().indexOf(pair.init());
            assertTrue(t >= 0, "init comes from the clip");
            assertTrue(CLIP.joints().get(t) == pair.target(), "target is the init frame's joints");
            assertEquals(pair.init(), pair.targetPose());
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
