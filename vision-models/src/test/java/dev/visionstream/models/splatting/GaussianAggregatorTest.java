package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianAggregatorTest {
    private static final double[] RZ90 = {0, -1, 0, 1, 0, 0, 0, 0, 1};

    @Test
    void movesCentresAndComposesRotations() {
        LocalGaussians v0 = LocalGaussians.allocate(1, 1);
        v0.means()[2] = 1;
        v0.rotationsXyzw()[3] = 1;
        v0.opacities()[0] = 0.3f;
        LocalGaussians v1 = LocalGaussians.allocate(1, 2);
        v1.means()[0] = 1; // pixel 0 at (1, 0, 0)
        v1.means()[5] = 2; // pixel 1 at (0, 0, 2)
        v1.rotationsXyzw()[3] = 1; // identity
        double s = Math.sqrt(0.5);
        v1.rotationsXyzw()[4] = (float) s; // pixel 1: 90° about local x
        v1.rotationsXyzw()[7] = (float) s;
        v1.scales()[3] = 0.01f;
        v1.shDc()[5] = 0.7f;
        GaussianScene scene = GaussianAggregator.aggregate(List.of(v0, v1),
                List.of(Pose.identity(), new Pose(RZ90, new double[] {1, 2, 3})));
        assertEquals(3, scene.count());
        assertArrayEquals(new float[] {0, 0, 1, 1, 3, 3, 1, 2, 5}, scene.means(), 1e-6f);
        // identity local rotation → the view's own: 90° about z = (cos 45°, 0, 0, sin 45°)
        assertArrayEquals(new float[] {1, 0, 0, 0, (float) s, 0, 0, (float) s},
                Arrays.copyOfRange(scene.rotationsWxyz(), 0, 8), 1e-6f);
        // R_v·R_q = Rz(90)·Rx(90): check against the matrix product
        double[] expected = Mat3.multiply(RZ90, Quaternions.matrixFromXyzw(s, 0, 0, s));
        float[] q = Arrays.copyOfRange(scene.rotationsWxyz(), 8, 12);
        assertArrayEquals(expected, Quaternions.matrixFromWxyz(q[0], q[1], q[2], q[3]), 1e-6);
        assertEquals(0.3f, scene.opacities()[0]);
        assertEquals(0.01f, scene.scales()[6]);
        assertEquals(0.7f, scene.shDc()[8]);
    }

    @Test
    void pruningDropsOnlyGaussiansBelowTheThreshold() {
        GaussianScene scene = GaussianScene.allocate(3);
        scene.opacities()[0] = 0.004f;
        scene.opacities()[1] = 0.005f;
        scene.opacities()[2] = 0.9f;
        scene.means()[8] = 7;
        GaussianScene kept = OpacityPruning.prune(scene, OpacityPruning.DEFAULT_THRESHOLD);
        assertEquals(2, kept.count());
        assertEquals(0.005f, kept.opacities()[0]);
        assertEquals(7f, kept.means()[5]);
    }

    @Test
    void quaternionMatrixRoundTrip() {
        double[] r = Mat3.multiply(RZ90, new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0});
        double[] q = Quaternions.wxyzFromMatrix(r);
        assertArrayEquals(r, Quaternions.matrixFromWxyz(q[0], q[1], q[2], q[3]), 1e-7);
        double[] half = Quaternions.wxyzFromMatrix(new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}); // 180° about z
        assertArrayEquals(new double[] {0, 0, 0, 1}, half, 1e-12);
    }
}
