package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseHeadDecoderTest {
    @Test
    void rowsOfAnyLengthAreNormalisedBeforeProjection() {
        // a 90° turn about z, each row scaled differently: row normalisation alone restores it exactly
        double[] raw = {0, -3, 0, 0.5, 0, 0, 0, 0, 2};
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, PoseHeadDecoder.rotation(raw), 1e-12);
    }

    @Test
    void decodesRotationThenTranslation() {
        float[] raw = {9, 9, 2, 1, 0, 0, 0, 1, 0, 0, 0, 4, 0.5f, -1.5f, 2};
        Pose pose = PoseHeadDecoder.decode(raw, 3);
        assertArrayEquals(Mat3.identity(), pose.rotation(), 1e-12);
        assertArrayEquals(new double[] {0.5, -1.5, 2}, pose.translation(), 1e-7);
    }

    @Test
    void nearestRotationOfASkewedMatrixHasTheHandComputedAngle() {
        // M = [[1, -a, 0], [a, 1, 0], [0, 0, 1]] with a = tan(θ)… after row normalisation it is a rotation by θ
        double theta = Math.toRadians(30);
        double[] m = {1, -Math.tan(theta), 0, Math.tan(theta), 1, 0, 0, 0, 1};
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        assertArrayEquals(new double[] {c, -s, 0, s, c, 0, 0, 0, 1}, PoseHeadDecoder.rotation(m), 1e-12);
        // a shear [[1, 1], [0, 1]]: its polar rotation turns by atan(1/2) (closed form for 2×2 shears)
        double[] shear = {1, 1, 0, 0, 1, 0, 0, 0, 1};
        double phi = Math.atan(0.5);
        double[] polar = Mat3.nearestRotation(shear);
        assertArrayEquals(new double[] {Math.cos(phi), Math.sin(phi), 0, -Math.sin(phi), Math.cos(phi), 0, 0, 0, 1},
                polar, 1e-9);
    }

    @Test
    void reflectionsAreFixedToProperRotations() {
        // det < 0: the sign fix goes on the smallest singular direction (here z)
        double[] m = {1, 0, 0, 0, 1, 0, 0, 0, -0.1};
        double[] r = Mat3.nearestRotation(m);
        assertArrayEquals(Mat3.identity(), r, 1e-9);
    }

    @Test
    void randomMatricesProjectToTheClosestRotation() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) {
                m[i] = random.nextGaussian();
            }
            double[] r = PoseHeadDecoder.rotation(m);
            assertTrue(Mat3.isRotation(r, 1e-9), "not a rotation");
            double[] rows = m.clone();
            for (int row = 0; row < 3; row++) {
                double n = Math.sqrt(rows[3 * row] * rows[3 * row] + rows[3 * row + 1] * rows[3 * row + 1]
                        + rows[3 * row + 2] * rows[3 * row + 2]);
                for (int k = 0; k < 3; k++) {
                    rows[3 * row + k] /= n;
                }
            }
            double best = distance(rows, r);
            // no small perturbation of the answer gets closer to the row-normalised matrix
            for (int probe = 0; probe < 20; probe++) {
                double[] w = {random.nextGaussian() * 0.02, random.nextGaussian() * 0.02, random.nextGaussian() * 0.02};
                double[] other = Mat3.multiply(rodrigues(w), r);
                assertTrue(distance(rows, other) >= best - 1e-12, "a nearby rotation is closer");
            }
        }
    }

    @Test
    void zeroRowsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> PoseHeadDecoder.rotation(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 1}));
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < 9; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return d;
    }

    private static double[] rodrigues(double[] w) {
        double angle = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        double[] k = {w[0] / angle, w[1] / angle, w[2] / angle};
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[] {
            t * k[0] * k[0] + c, t * k[0] * k[1] - s * k[2], t * k[0] * k[2] + s * k[1],
            t * k[0] * k[1] + s * k[2], t * k[1] * k[1] + c, t * k[1] * k[2] - s * k[0],
            t * k[0] * k[2] - s * k[1], t * k[1] * k[2] + s * k[0], t * k[2] * k[2] + c};
    }
}
