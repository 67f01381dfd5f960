package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationsTest {
    private static final double S = Math.sqrt(0.5);

    @Test
    void quarterTurnAboutZIsTheHandComputedMatrix() {
        double[] r = Rotations.fromAxisAngle(new double[] {0, 0, Math.PI / 2});
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, r, 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, Rotations.apply(r, new double[] {1, 0, 0}), 1e-12);
    }

    @Test
    void halfTurnAboutXFlipsYAndZ() {
        double[] r = Rotations.fromAxisAngle(new double[] {Math.PI, 0, 0});
        assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}, r, 1e-12);
        assertArrayEquals(new double[] {0, 1, 0, 0}, Rotations.toQuaternion(r), 1e-12);
        assertArrayEquals(new double[] {Math.PI, 0, 0}, Rotations.toAxisAngle(r), 1e-9);
    }

    @Test
    void quarterTurnQuaternionIsCosAndSinOfHalfTheAngle() {
        double[] q = Rotations.toQuaternion(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1});
        assertArrayEquals(new double[] {S, 0, 0, S}, q, 1e-12);
        assertArrayEquals(q, Rotations.axisAngleToQuaternion(new double[] {0, 0, Math.PI / 2}), 1e-12);
        assertArrayEquals(new double[] {0, 0, Math.PI / 2}, Rotations.quaternionToAxisAngle(q), 1e-12);
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, Rotations.fromQuaternion(q), 1e-12);
    }

    @Test
    void sixDIsTheFirstTwoColumnsReadRowMajor() {
        // R = Rz(90°): columns (0,1,0) and (-1,0,0) -> rows of the 3x2 block: (0,-1), (1,0), (0,0)
        double[] r = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        assertArrayEquals(new double[] {0, -1, 1, 0, 0, 0}, Rotations.toSixD(r), 0);
        assertArrayEquals(r, Rotations.fromSixD(new double[] {0, -1, 1, 0, 0, 0}), 1e-7);
    }

    @Test
    void sixDGramSchmidtNormalisesTheFirstColumnAndOrthogonalisesTheSecond() {
        // a1 = (v0, v2, v4) = (2, 0, 0); a2 = (v1, v3, v5) = (1, 3, 0) -> b1 = x, b2 = y, b3 = z
        assertArrayEquals(Rotations.identity(), Rotations.fromSixD(new double[] {2, 1, 0, 3, 0, 0}), 1e-7);
        // the "first three numbers are column 1" reading would give a different matrix here
        double[] m = Rotations.fromSixD(new double[] {0, 1, 1, 0, 0, 0});
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, -1}, m, 1e-7);
    }

    @Test
    void conversionsRoundTripOnRandomRotations() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            double[] v = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double n = Rotations.norm(v);
            double angle = random.nextDouble() * (Math.PI - 1e-3);
            v = new double[] {v[0] / n * angle, v[1] / n * angle, v[2] / n * angle};
            double[] m = Rotations.fromAxisAngle(v);
            assertArrayEquals(v, Rotations.toAxisAngle(m), 1e-9);
            assertArrayEquals(m, Rotations.fromQuaternion(Rotations.toQuaternion(m)), 1e-9);
            assertArrayEquals(m, Rotations.fromSixD(Rotations.toSixD(m)), 1e-7);
            assertEquals(angle, Rotations.angleBetween(Rotations.identity(), m), 1e-6);
        }
    }
}
