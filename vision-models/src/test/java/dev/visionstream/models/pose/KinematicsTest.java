package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KinematicsTest {
    @Test
    void restPoseGivesTheTemplateJoints() {
        double[][] j = ForwardKinematics.joints(BodyShape.template(), BodyPose.rest(new double[] {0, 0.96, 0}));
        // head: pelvis + Spine1 + Spine2 + Spine3 + Neck + Head offsets
        assertArrayEquals(new double[] {0, 0.96 + 0.11 + 0.13 + 0.05 + 0.21 + 0.065, -0.02 + 0.02 - 0.04 + 0.05},
                j[15], 1e-12);
        // left knee below the left hip
        assertArrayEquals(new double[] {0.10, 0.96 - 0.48, 0}, j[4], 1e-12);
    }

    @Test
    void bentLeftKneeSwingsTheShankBackwards() {
        double[][] aa = new double[24][3];
        aa[4] = new double[] {Math.PI / 2, 0, 0}; // left knee flexed 90° about +x
        double[][] j = ForwardKinematics.joints(BodyShape.template(), new BodyPose(aa, new double[3]));
        // ankle offset (-0.01, -0.40, -0.04) turned by Rx(90°): (x, y, z) -> (x, -z, y)
        assertArrayEquals(new double[] {0.10 - 0.01, -0.48 + 0.04, -0.40}, j[7], 1e-12);
    }

    @Test
    void rootRotationTurnsTheWholeBodyAboutThePelvis() {
        double[][] aa = new double[24][3];
        aa[0] = new double[] {0, Math.PI, 0}; // facing -Z
        double[][] j = ForwardKinematics.joints(BodyShape.template(), new BodyPose(aa, new double[] {1, 2, 3}));
        assertArrayEquals(new double[] {1 - 0.07, 2 - 0.09, 3}, j[1], 1e-12);
    }

    @Test
    void batchedKinematicsAndRotationsMatchThePlainOnes() {
        Random random = new Random(11);
        int batch = 5;
        float[] aa = new float[batch * 24 * 3];
        float[] sixD = new float[batch * 24 * 6];
        for (int i = 0; i < aa.length; i++) {
            aa[i] = (float) (random.nextGaussian() * 0.6);
        }
        for (int i = 0; i < sixD.length; i++) {
            sixD[i] = (float) random.nextGaussian();
        }
        BodyShape shape = BodyShape.template().scaled(1.1);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray rot = NdRotations.fromAxisAngle(m.create(aa, new Shape(batch, 24, 3)));
            float[] offsets = new float[batch * 24 * 3];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < 24; k++) {
                    for (int i = 0; i < 3; i++) {
                        offsets[(b * 24 + k) * 3 + i] = (float) shape.offset(k)[i];
                    }
                }
            }
            NDArray t = m.create(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 2, 2, 2, -1, 0, 0}, new Shape(batch, 3));
            float[] joints = BatchedKinematics.joints(rot, m.create(offsets, new Shape(batch, 24, 3)), t)
                    .toFloatArray();
            float[] fromSix = NdRotations.fromSixD(m.create(sixD, new Shape(batch, 24, 6)))
                    .toFloatArray();
            float[] tf = t.toFloatArray();
            for (int b = 0; b < batch; b++) {
                double[][] pose = new double[24][];
                for (int k = 0; k < 24; k++) {
                    int o = (b * 24 + k) * 3;
                    pose[k] = new double[] {aa[o], aa[o + 1], aa[o + 2]};
                    double[] plain = Rotations.fromSixD(new double[] {sixD[(b * 24 + k) * 6],
                            sixD[(b * 24 + k) * 6 + 1],
                            sixD[(b * 24 + k) * 6 + 2], sixD[(b * 24 + k) * 6 + 3], sixD[(b * 24 + k) * 6 + 4],
                            sixD[(b * 24 + k) * 6 + 5]});
                    for (int i = 0; i < 9; i++) {
                        assertEquals(plain[i], fromSix[(b * 24 + k) * 9 + i], 1e-5);
                    }
                }
                double[][] expected = ForwardKinematics.joints(shape,
                        new BodyPose(pose, new double[] {tf[3 * b], tf[3 * b + 1], tf[3 * b + 2]}));
                for (int k = 0; k < 24; k++) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals(expected[k][i], joints[(b * 24 + k) * 3 + i], 1e-5);
                    }
                }
            }
        }
    }
}
