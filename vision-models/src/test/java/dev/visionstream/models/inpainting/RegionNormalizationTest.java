package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegionNormalizationTest {
    private static final float EPS = 1e-5f;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray map(float... values) {
        return manager.create(values, new Shape(1, 1, 1, values.length));
    }

    private static float[] run(NDArray x, NDArray region, RegionStatistics statistics) {
        return RegionNormalization.normalize(x, region, statistics).toFloatArray();
    }

    @Test
    void eachRegionUsesItsOwnMeanAndVarianceWithEpsilonOverRho() {
        // hole {1, 2}: mean 1.5, var 0.25; valid {3, 6}: mean 4.5, var 2.25; each region is half the map:
        // eps/rho = 2 eps
        float[] out = run(map(1, 2, 3, 6), map(1, 1, 0, 0), RegionStatistics.POOLED_OVER_BATCH);
        double hole = Math.sqrt(0.25 + 2 * EPS);
        double valid = Math.sqrt(2.25 + 2 * EPS);
        assertArrayEquals(new float[] {(float) (-0.5 / hole), (float) (0.5 / hole), (float) (-1.5 / valid),
                (float) (1.5 / valid)}, out, 1e-6f);
    }

    @Test
    void smallRegionsGetALargerEffectiveEpsilon() {
        // a 2-of-8 region with variance comparable to eps: eps/rho = 4 eps changes the result visibly
        float[] out = run(map(0f, 0.01f, 5, 6, 7, 8, 9, 10), map(1, 1, 0, 0, 0, 0, 0, 0),
                RegionStatistics.POOLED_OVER_BATCH);
        double expected = 0.005 / Math.sqrt(2.5e-5 + 4 * EPS); // 0.6202, whereas plain eps would give 0.8452
        assertArrayEquals(new float[] {(float) -expected, (float) expected}, new float[] {out[0], out[1]}, 1e-4f);
    }

    @Test
    void anEmptyOrFullRegionReducesToPlainNormalisation() {
        // one region covering everything: mean 3, var 3.5, rho 1
        double sd = Math.sqrt(3.5 + EPS);
        float[] expected = {(float) (-2 / sd), (float) (-1 / sd), 0f, (float) (3 / sd)};
        assertArrayEquals(expected, run(map(1, 2, 3, 6), map(0, 0, 0, 0), RegionStatistics.POOLED_OVER_BATCH), 1e-6f);
        assertArrayEquals(expected, run(map(1, 2, 3, 6), map(1, 1, 1, 1), RegionStatistics.POOLED_OVER_BATCH), 1e-6f);
    }

    @Test
    void pooledStatisticsMixTheBatchWhilePerImageStatisticsDoNot() {
        NDArray x = manager.create(new float[] {1, 3, 5, 7}, new Shape(2, 1, 1, 2));
        NDArray region = manager.ones(new Shape(2, 1, 1, 2));
        // pooled: mean 4, var 5
        double pooled = Math.sqrt(5 + EPS);
        assertArrayEquals(new float[] {(float) (-3 / pooled), (float) (-1 / pooled), (float) (1 / pooled),
                (float) (3 / pooled)}, run(x, region, RegionStatistics.POOLED_OVER_BATCH), 1e-6f);
        // per image: means 2 and 6, var 1 each
        double single = Math.sqrt(1 + EPS);
        assertArrayEquals(new float[] {(float) (-1 / single), (float) (1 / single), (float) (-1 / single),
                (float) (1 / single)}, run(x, region, RegionStatistics.PER_IMAGE), 1e-6f);
    }
}
