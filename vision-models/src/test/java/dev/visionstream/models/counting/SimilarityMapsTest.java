package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityMapsTest extends NdTest {
    @Test
    void correlationIsValidUnflippedAndDividedByChannels() {
        NDArray s = SimilarityMaps.correlate(HandCorrelationCase.features(manager),
                HandCorrelationCase.kernel(manager));
        assertEquals(HandCorrelationCase.OUTPUT_SHAPE, s.getShape());
        assertArrayEquals(HandCorrelationCase.EXPECTED, s.toFloatArray(), 1e-6f);
    }

    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        NDArray m = manager.create(new float[] {0, 4}, new Shape(1, 2));
        // out 4: sources -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped to the last) -> 0, 1, 3, 4
        assertArrayEquals(new float[] {0, 1, 3, 4}, SimilarityMaps.resize(m, 1, 4).toFloatArray(), 1e-6f);
    }

    @Test
    void mapIsMinMaxScaledAtTheLargestOutputSize() {
        float[] v = new float[36];
        for (int i = 0; i < 36; i++) {
            v[i] = (i * 7) % 11;
        }
        NDArray f = manager.create(v, new Shape(1, 6, 6));
        SimilarityMaps.Similarity s = SimilarityMaps.compute(f, List.of(new FeatureBox(0, 0, 2, 2),
                new FeatureBox(1, 1, 4, 2)));
        // kernels 2x2 -> 5x5, 1x3 -> 6x4: common (6, 5)
        assertEquals(6, s.height());
        assertEquals(5, s.width());
        assertEquals(0f, s.map().min().getFloat(), 1e-6f);
        assertEquals(1f, s.map().max().getFloat(), 1e-6f);
    }

    @Test
    void constantFeaturesAreRefused() {
        NDArray f = manager.ones(new Shape(2, 6, 6));
        assertThrows(CountingInputException.class, () -> SimilarityMaps.compute(f,
                List.of(new FeatureBox(0, 0, 2, 2))));
    }
}
