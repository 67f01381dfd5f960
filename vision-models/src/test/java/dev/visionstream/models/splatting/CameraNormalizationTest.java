package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CameraNormalizationTest {
    private static final double[] RZ90 = {0, -1, 0, 1, 0, 0, 0, 0, 1};

    @Test
    void reanchorsToViewZeroAndDividesByTheLargestCameraDistance() {
        Pose a = new Pose(RZ90, new double[] {1, 1, 1});
        Pose b = new Pose(RZ90, new double[] {3, 1, 1});
        Pose c = new Pose(Mat3.identity(), new double[] {1, 4, 1});
        CameraNormalization.NormalizedPoses n = CameraNormalization.normalize(List.of(a, b, c));
        assertEquals(Math.sqrt(13), n.scale(), 1e-12); // |b − c| = √(4 + 9)
        assertEquals(Pose.identity().toString(), round(n.poses().get(0)).toString());
        // b relative to a: Rᵀ(t_b − t_a) = Rz(−90)·(2, 0, 0) = (0, −2, 0), then divided by √13
        assertArrayEquals(new double[] {0, -2 / Math.sqrt(13), 0}, n.poses().get(1).translation(), 1e-12);
        assertArrayEquals(Mat3.identity(), n.poses().get(1).rotation(), 1e-12);
        assertArrayEquals(Mat3.transpose(RZ90), n.poses().get(2).rotation(), 1e-12);
        assertEquals(1.0, CameraNormalization.maxPairwiseDistance(n.poses()), 1e-12);
        // normalize() maps any further camera the same way
        assertArrayEquals(n.poses().get(2).toMatrix4(), n.normalize(c).toMatrix4(), 1e-12);
    }

    @Test
    void coincidingCamerasAreAClearError() {
        Pose p = new Pose(Mat3.identity(), new double[] {1, 2, 3});
        Pose q = new Pose(RZ90, new double[] {1, 2, 3.0004});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CameraNormalization.normalize(List.of(p, q)));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CameraNormalization.normalize(List.of(p)));
    }

    @Test
    void posesMustBeRotations() {
        assertThrows(IllegalArgumentException.class, () -> Pose.fromMatrix4(
                new double[] {2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Pose.fromMatrix4(
                new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1}));
    }

    private static Pose round(Pose p) {
        double[] m = p.toMatrix4();
        for (int i = 0; i < 16; i++) {
            m[i] = Math.round(m[i] * 1e9) / 1e9 + 0.0;
        }
        return Pose.fromMatrix4(m);
    }
}
