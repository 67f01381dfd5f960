package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EllipseMaskTest {
    @Test
    void singleCellCoversEightyPercent() {
        assertArrayEquals(new float[] {0.80f}, EllipseMask.coverage(1, 1), 1e-6f);
    }

    @Test
    void twoByTwoIsUniform() {
        assertArrayEquals(new float[] {0.79f, 0.79f, 0.79f, 0.79f}, EllipseMask.coverage(2, 2), 1e-6f);
    }

    @Test
    void threeByThreeCornersEdgesAndCentre() {
        float c = 0.56f;
        float e = 0.98f;
        assertArrayEquals(new float[] {c, e, c, e, 1f, e, c, e, c}, EllipseMask.coverage(3, 3), 1e-6f);
    }

    @Test
    void fourByFourCornersEdgesAndInside() {
        float[] m = EllipseMask.coverage(4, 4);
        assertEquals(0.32f, m[0], 1e-6f);
        assertEquals(0.92f, m[1], 1e-6f);
        assertEquals(0.92f, m[4], 1e-6f);
        assertEquals(1f, m[5], 1e-6f);
        assertEquals(0.32f, m[15], 1e-6f);
    }

    @Test
    void twentyByTwentySumsToAboutPiTimesHundred() {
        double sum = 0;
        for (float v : EllipseMask.coverage(20, 20)) {
            sum += v;
        }
        assertEquals(314.28, sum, 1e-3);
    }

    @Test
    void rectangularMaskIsSymmetric() {
        float[] m = EllipseMask.coverage(3, 5);
        assertEquals(15, m.length);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(m[i * 5 + j], m[(2 - i) * 5 + (4 - j)], 1e-6f);
            }
        }
    }
}
