package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntrinsicEmbeddingTest {
    @Test
    void opticalAxisHasOnlyZonalHarmonics() {
        // one pixel at the principal point: the ray is +z, where Y_l0 = sqrt((2l+1)/4π) and every m ≠ 0 vanishes
        float[] e = IntrinsicEmbedding.embed(new NormalizedIntrinsics(1, 1, 0.5, 0.5), 1, 1);
        double[] expected = new double[25];
        for (int l = 0; l <= 4; l++) {
            expected[l * (l + 1)] = Math.sqrt((2 * l + 1) / (4 * Math.PI));
        }
        for (int c = 0; c < 25; c++) {
            assertEquals(expected[c], e[c], 1e-6, "channel " + c);
        }
    }

    @Test
    void pixelRaysUseNormalisedCentres() {
        // 2×1 image, fx_n = 0.25, cx_n = 0.5: pixel 0 sits at u = 0.25 → ray (−1, 0, 1)/√2
        float[] e = IntrinsicEmbedding.embed(new NormalizedIntrinsics(0.25, 1, 0.5, 0.5), 1, 2);
        double x = -Math.sqrt(0.5);
        double z = Math.sqrt(0.5);
        assertEquals(-0.48860251190292 * x, e[3 * 2], 1e-6);
        assertEquals(0.48860251190292 * z, e[2 * 2], 1e-6);
        assertEquals(-1.09254843059208 * x * z, e[7 * 2], 1e-6);
        assertEquals(0.0, e[2 + 1], 1e-7); // y = 0 for both pixels
        assertEquals(0.48860251190292 * x, e[3 * 2 + 1], 1e-6); // pixel 1 mirrors pixel 0
    }

    @Test
    void everyBandObeysTheAdditionTheorem() {
        // Σ_m Y_lm(d)² = (2l+1)/4π for any unit d: catches any wrong constant or term
        Random random = new Random(3);
        double[] sh = new double[25];
        for (int trial = 0; trial < 100; trial++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = random.nextGaussian();
            double n = Math.sqrt(x * x + y * y + z * z);
            IntrinsicEmbedding.harmonics(x / n, y / n, z / n, sh);
            for (int l = 0; l <= 4; l++) {
                double sum = 0;
                for (int m = -l; m <= l; m++) {
                    sum += sh[l * (l + 1) + m] * sh[l * (l + 1) + m];
                }
                assertEquals((2 * l + 1) / (4 * Math.PI), sum, 1e-9, "band " + l);
            }
        }
    }
}
