package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanCentricFrameTest {
    private static double[][] joints(double[] pelvis, double[] lHip, double[] rHip, double[] neck) {
        double[][] j = new double[24][3];
        j[0] = pelvis;
        j[1] = lHip;
        j[2] = rHip;
        j[12] = neck;
        return j;
    }

    @Test
    void handComputedFrameIsLeftHandedWithXEqualToZCrossY() {
        // pelvis (1,2,3), hips along ±x, neck straight up: y = +x, z = +y, x = z × y = (0,1,0)×(1,0,0) = (0,0,-1)
        HumanCentricFrame f = HumanCentricFrame.of(joints(new double[] {1, 2, 3}, new double[] {2, 2, 3},
                new double[] {0, 2, 3}, new double[] {1, 4, 3}));
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1, -1, 0, 0}, f.axes(), 1e-6);
        double[] a = f.axes();
        double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
        assertEquals(-1, det, 1e-6);
        // (X − T)·x, ·y, ·z for X − T = (0, 0, 2): (-2, 0, 0)
        assertArrayEquals(new double[] {-2, 0, 0}, f.apply(new double[] {1, 2, 5}), 1e-6);
        assertArrayEquals(new double[] {0.5, 0.25, 1.5}, f.apply(new double[] {1.25, 3.5, 2.5}), 1e-6);
    }

    @Test
    void neckIsOrthogonalisedAgainstTheHipAxisAndNothingIsScaled() {
        // neck leans towards the left hip: u = n(1, 1, 0); z keeps only the part orthogonal to y = +x
        HumanCentricFrame f = HumanCentricFrame.of(joints(new double[] {0, 0, 0}, new double[] {0.1, 0, 0},
                new double[] {-0.1, 0, 0}, new double[] {0.5, 0.5, 0}));
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1, -1, 0, 0}, f.axes(), 1e-7);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, f.apply(new double[] {0.5, 0.5, 0}), 1e-7);
    }

    @Test
    void templateFacingPlusZHasXPointingBackwards() {
        double[][] rest = BodyShape.template().restJoints();
        HumanCentricFrame f = HumanCentricFrame.of(rest);
        double[] a = f.axes();
        assertEquals(-1, a[6], 0.01); // x-axis z component
        assertEquals(1, a[1], 1e-6); // y-axis = +X (subject's left)
    }
}
