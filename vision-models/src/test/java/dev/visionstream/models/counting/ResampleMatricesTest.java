package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResampleMatricesTest {
    @Test
    void bicubicAtTheSameSizeIsTheIdentity() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ResampleMatrices.pilBicubic(3, 3), 1e-6f);
    }

    @Test
    void bicubicRowsSumToOneWhenEnlargingAndShrinking() {
        for (int[] io : new int[][] {{7, 20}, {20, 7}, {96, 120}, {160, 120}}) {
            float[] m = ResampleMatrices.pilBicubic(io[0], io[1]);
            for (int o = 0; o < io[1]; o++) {
                double sum = 0;
                for (int i = 0; i < io[0]; i++) {
                    sum += m[o * io[0] + i];
                }
                assertEquals(1.0, sum, 1e-5, "row " + o + " of " + io[0] + "->" + io[1]);
            }
        }
    }

    @Test
    void doublingWithPilCubicUsesTheMinusHalfKernel() {
        // output 1 of 2->4: centre 0.75, taps at x=0 (d=0.25) and x=1 (d=0.75):
        // w(0.25) = 1.5*0.015625 - 2.5*0.0625 + 1 = 0.8671875; w(0.75) = 0.2265625; w(1.25) = -0.0703125 (x=-1 absent)
        float[] m = ResampleMatrices.pilBicubic(2, 4);
        double w0 = 0.8671875;
        double w1 = 0.2265625;
        assertEquals(w0 / (w0 + w1), m[2], 1e-6);
        assertEquals(w1 / (w0 + w1), m[3], 1e-6);
    }
}
