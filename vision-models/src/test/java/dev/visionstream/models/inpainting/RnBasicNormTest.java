package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class RnBasicNormTest {
    private static final float EPS = 1e-5f;

    @Test
    void normalisesPerRegionOfTheDownsampledMaskAndAppliesTheAffineAsCoded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnBasicNorm norm = new RnBasicNorm(2);
            norm.initialize(manager, DataType.FLOAT32);
            assertEquals(4, norm.namedParameters().size());
            norm.namedParameters().get("foreground_gamma").getArray().set(new float[] {0.5f, 0f});
            norm.namedParameters().get("background_gamma").getArray().set(new float[] {0f, -0.5f});
            norm.namedParameters().get("foreground_beta").getArray().set(new float[] {1f, 0f});
            norm.namedParameters().get("background_beta").getArray().set(new float[] {0f, 2f});
            // channel 0 = {1, 2, 3, 6}, channel 1 = {4, 4, 0, 8} on a 2x2 map
            var x = manager.create(new float[] {1, 2, 3, 6, 4, 4, 0, 8}, new Shape(1, 2, 2, 2));
            // 4x4 mask; nearest downsampling reads M[0,0], M[0,2], M[2,0], M[2,2] = 1, 1, 0, 0 (top row = hole);
            // the other entries say the opposite, so any other sampling rule fails the test
            var mask = manager.create(new float[] {
                    1, 0, 1, 0,
                    0, 0, 0, 0,
                    0, 1, 0, 1,
                    1, 1, 1, 1}, new Shape(1, 1, 4, 4));
            float[] out = norm.forward(new ParameterStore(manager, false), new NDList(x, mask), false)
                    .singletonOrThrow().toFloatArray();

            double hole0 = Math.sqrt(0.25 + 2 * EPS);   // channel 0 hole {1, 2}
            double valid0 = Math.sqrt(2.25 + 2 * EPS);  // channel 0 valid {3, 6}
            double valid1 = Math.sqrt(16 + 2 * EPS);    // channel 1 valid {0, 8}; hole {4, 4} has zero variance
            // scale: hole 1 + gamma_fg, valid 1 + gamma_bg; shift beta_fg + beta_bg everywhere
            float[] expected = {
                    (float) (-0.5 / hole0 * 1.5 + 1), (float) (0.5 / hole0 * 1.5 + 1),
                    (float) (-1.5 / valid0 * 1.0 + 1), (float) (1.5 / valid0 * 1.0 + 1),
                    2f, 2f,
                    (float) (-4 / valid1 * 0.5 + 2), (float) (4 / valid1 * 0.5 + 2)};
            assertArrayEquals(expected, out, 1e-5f);
        }
    }

    @Test
    void aHoleThinnerThanTheStrideVanishesAndTheLayerFallsBackToOneRegion() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnBasicNorm norm = new RnBasicNorm(1);
            norm.initialize(manager, DataType.FLOAT32);
            var x = manager.create(new float[] {1, 2, 3, 6}, new Shape(1, 1, 2, 2));
            var mask = manager.zeros(new Shape(1, 1, 4, 4));
            mask.set(new NDIndex("0, 0, 1, 1"), 1f); // an odd pixel: never sampled
            float[] out = norm.forward(new ParameterStore(manager, false), new NDList(x, mask), false)
                    .singletonOrThrow().toFloatArray();
            double sd = Math.sqrt(3.5 + EPS);
            assertArrayEquals(new float[] {(float) (-2 / sd), (float) (-1 / sd), 0f, (float) (3 / sd)}, out, 1e-6f);
        }
    }
}
