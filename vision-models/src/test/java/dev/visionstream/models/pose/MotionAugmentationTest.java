package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MotionAugmentationTest {
    private static final MotionClip CLIP = SyntheticMotion.generate(new Random(11), 40, "clip");

    @Test
    void mirroredPosesReproduceTheMirroredJointsAndKeepTheJointLimits() {
        MotionClip mirrored = MotionMirror.mirror(CLIP);
        for (int f = 0; f < CLIP.frames(); f += 7) {
            double[][] fk = ForwardKinematics.joints(mirrored.shape(), mirrored.poses().get(f));
            double[][] original = CLIP.joints().get(f);
            double[][] expected = mirrored.joints().get(f);
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[k][i], fk[k][i], 1e-9, "frame " + f + " joint " + k);
                }
            }
            // the left knee of the mirror image is the right knee of the original, reflected in x
            assertEquals(-original[5][0], expected[4][0], 1e-12);
            assertEquals(original[5][1], expected[4][1], 1e-12);
            assertEquals(JointLimits.violation(CLIP.poses().get(f)), JointLimits.violation(mirrored.poses().get(f)),
                    1e-9);
        }
    }

    @Test
    void timeWarpAtSpeedTwoTakesEveryOtherFrameAndInterpolatesBetween() {
        MotionClip fast = TimeWarp.resample(CLIP, 2.0);
        assertEquals(20, fast.frames());
        assertEquals(CLIP.joints().get(6)[3][1], fast.joints().get(3)[3][1], 1e-12);
        MotionClip slow = TimeWarp.resample(CLIP, 0.5);
        double[][] between = ForwardKinematics.joints(CLIP.shape(), slow.poses().get(7));
        double[][] a = CLIP.joints().get(3);
        double[][] b = CLIP.joints().get(4);
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            double gap = Rotations.norm(Rotations.sub(a[k], b[k]));
            double off = Rotations.norm(Rotations.sub(between[k], slow.joints().get(7)[k]));
            assertTrue(off <= gap + 1e-6, "the slerped pose lies near the lerped joints: joint " + k);
        }
    }

    @Test
    void actionMotionStaysInsideTheJointLimitsWithAFootOnTheGround() {
        MotionClip clip = ActionMotion.generate(new Random(3), 300, "actions");
        int grounded = 0;
        for (int f = 0; f < clip.frames(); f++) {
            assertEquals(0.0, JointLimits.violation(clip.poses().get(f)), 1e-9, "frame " + f);
            double lowest = Double.POSITIVE_INFINITY;
            for (double[] p : clip.joints().get(f)) {
                lowest = Math.min(lowest, p[1]);
            }
            grounded += Math.abs(lowest) < 1e-9 ? 1 : 0;
        }
        assertTrue(grounded > clip.frames() / 2, "feet on the ground except in flight: " + grounded);
    }
}
