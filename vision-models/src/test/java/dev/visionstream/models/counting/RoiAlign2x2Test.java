package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RoiAlign2x2Test extends NdTest {
    private NDArray oneToNine() {
        return manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 3, 3));
    }

    @Test
    void interiorBoxAveragesTwoByTwoBlocks() {
        NDArray r = RoiAlign2x2.pool(oneToNine(), new FeatureBox(0, 0, 2, 2));
        // (1+2+4+5)/4, (2+3+5+6)/4, (4+5+7+8)/4, (5+6+8+9)/4
        assertArrayEquals(new float[] {3, 4, 6, 7}, r.toFloatArray(), 1e-6f);
    }

    @Test
    void boxAtTheFarBorderClampsToTheLastRowAndColumn() {
        NDArray r = RoiAlign2x2.pool(oneToNine(), new FeatureBox(1, 1, 3, 3));
        // (5+6+8+9)/4, (6+6+9+9)/4, (8+9+8+9)/4, 9
        assertArrayEquals(new float[] {7, 7.5f, 8.5f, 9}, r.toFloatArray(), 1e-6f);
        assertEquals(new Shape(1, 2, 2), r.getShape());
    }
}
