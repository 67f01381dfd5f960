package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BodyShapeEstimatorTest {
    private static double[][] posed(BodyShape shape, double[] rootAxisAngle, double[] translation) {
        double[][] aa = new double[24][3];
        aa[0] = rootAxisAngle;
        aa[4] = new double[] {1.0, 0, 0};
        aa[18] = new double[] {0, -1.2, 0};
        return ForwardKinematics.joints(shape, new BodyPose(aa, translation));
    }

    @Test
    void aTurnedAndBentTemplateGivesBackTheTemplate() {
        BodyShape template = BodyShape.template();
        BodyShape estimated = BodyShapeEstimator.estimate(posed(template, new double[] {0.3, 2.5, -0.2},
                new double[] {4, 1, -2}));
        for (int k = 0; k < 24; k++) {
            assertArrayEquals(template.offset(k), estimated.offset(k), 1e-9, "joint " + k);
        }
    }

    @Test
    void lengthsScaleAndAForwardHipLayoutIsKeptSoItStaysReachable() {
        double[][] o = BodyShape.template().scaled(1.2).offsets();
        o[1] = new double[] {0.08, -0.10, 0.05}; // CMU-like hips, forward of the pelvis
        o[2] = new double[] {-0.08, -0.10, 0.05};
        BodyShape truth = new BodyShape(o);
        double[][] joints = posed(truth, new double[] {0, -1.0, 0}, new double[] {0, 1, 0});
        BodyShape estimated = BodyShapeEstimator.estimate(joints);
        for (int k = 0; k < 24; k++) {
            assertEquals(truth.boneLength(k), estimated.boneLength(k), 1e-9, "bone " + k);
        }
        // the estimated skeleton reproduces the observed joints with the aligned rest orientation and the same pose
        double[][] aa = new double[24][3];
        aa[4] = new double[] {1.0, 0, 0};
        aa[18] = new double[] {0, -1.2, 0};
        BodyPose aligned = BodyShapeEstimator.alignedRest(estimated, joints);
        aa[0] = aligned.axisAngle(0);
        double[][] refit = ForwardKinematics.joints(estimated, new BodyPose(aa, joints[0]));
        for (int k = 0; k < 24; k++) {
            assertArrayEquals(joints[k], refit[k], 1e-9, "joint " + k);
        }
    }

    @Test
    void boneChangeIsTheLargestRelativeLengthDifference() {
        BodyShape template = BodyShape.template();
        double[][] joints = template.restJoints();
        assertEquals(0, BodyShapeEstimator.maxBoneChange(template, joints, 0.03), 1e-12);
        joints[20][0] += 0.05; // left forearm 0.25 -> ~0.30 m, the hand moves with the wrist
        joints[22][0] += 0.05;
        double forearm = Math.hypot(0.30, 0.010);
        assertEquals(forearm / template.boneLength(20) - 1, BodyShapeEstimator.maxBoneChange(template, joints, 0.03),
                1e-9);
    }
}
