package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RnLearnableNormTest {
    private static final float EPS = 1e-5f;

    /** A 7x7 kernel that is zero except its centre tap. */
    private static float[] centre(float value) {
        float[] k = new float[49];
        k[24] = value;
        return k;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void hasTheOfficial198ParametersWhateverTheChannelCount() {
        RnLearnableNorm norm = new RnLearnableNorm();
        Map<String, Parameter> named = norm.namedParameters();
        assertEquals(List.of("sa.conv1.weight", "sa.gamma_conv.weight", "sa.gamma_conv.bias",
                "sa.beta_conv.weight", "sa.beta_conv.bias"), java.util.List.copyOf(named.keySet()));
        assertEquals(198, named.values().stream().mapToLong(p -> p.getShape().size()).sum());
    }

    @Test
    void thresholdsTheResponseAtPointEightAndAppliesPixelWiseGammaAndBeta() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnLearnableNorm norm = new RnLearnableNorm();
            norm.initialize(manager, DataType.FLOAT32);
            Map<String, Parameter> p = norm.namedParameters();
            // response logit = mean_c + max_c at the same pixel (= 2x for one channel)
            float[] response = new float[98];
            response[24] = 1f;
            response[49 + 24] = 1f;
            p.get("sa.conv1.weight").getArray().set(response);
            p.get("sa.gamma_conv.weight").getArray().set(centre(1f)); // gamma = P
            p.get("sa.gamma_conv.bias").getArray().set(new float[] {0f});
            p.get("sa.beta_conv.weight").getArray().set(centre(0f));  // beta = 0.5
            p.get("sa.beta_conv.bias").getArray().set(new float[] {0.5f});

            float[] x = {0f, 0.1f, 1f, 1.2f};
            // P = sigmoid(2x) = 0.50, 0.55, 0.88, 0.92 -> regions {0, 0.1} below 0.8 and {1, 1.2} above
            var input = manager.create(x, new Shape(1, 1, 2, 2));
            float[] out = norm.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();

            double low = Math.sqrt(0.0025 + 2 * EPS);
            double high = Math.sqrt(0.01 + 2 * EPS);
            double[] normalized = {-0.05 / low, 0.05 / low, -0.1 / high, 0.1 / high};
            float[] expected = new float[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = (float) (normalized[i] * (1 + sigmoid(2 * x[i])) + 0.5);
            }
            assertArrayEquals(expected, out, 1e-5f);
        }
    }

    @Test
    void aResponseBelowTheThresholdEverywhereMeansOneRegion() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnLearnableNorm norm = new RnLearnableNorm();
            norm.initialize(manager, DataType.FLOAT32);
            Map<String, Parameter> p = norm.namedParameters();
            p.get("sa.conv1.weight").getArray().set(new float[98]);   // P = 0.5 everywhere
            p.get("sa.gamma_conv.weight").getArray().set(centre(0f));
            p.get("sa.gamma_conv.bias").getArray().set(new float[] {0.25f});
            p.get("sa.beta_conv.weight").getArray().set(centre(0f));
            p.get("sa.beta_conv.bias").getArray().set(new float[] {-1f});
            var input = manager.create(new float[] {1, 2, 3, 6}, new Shape(1, 1, 2, 2));
            float[] out = norm.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
            double sd = Math.sqrt(3.5 + EPS);
            assertArrayEquals(new float[] {(float) (-2 / sd * 1.25 - 1), (float) (-1 / sd * 1.25 - 1), -1f,
                    (float) (3 / sd * 1.25 - 1)}, out, 1e-5f);
        }
    }
}
