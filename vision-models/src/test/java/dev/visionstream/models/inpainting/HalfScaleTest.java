package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HalfScaleTest {
    @Test
    void upsamplesBilinearlyWithHalfPixelCentresAndClampedEdges() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // one row 0, 4, 8: PyTorch's upsample(scale 2, bilinear, align_corners=False) gives 0 1 3 5 7 8
            NDArray row = manager.create(new float[] {0, 4, 8}, new Shape(1, 1, 1, 3));
            assertArrayEquals(new float[] {0, 1, 3, 5, 7, 8, 0, 1, 3, 5, 7, 8},
                    HalfScale.upsample(row).toFloatArray(), 1e-6f);
            NDArray column = manager.create(new float[] {0, 4, 8}, new Shape(1, 1, 3, 1));
            assertArrayEquals(new float[] {0, 0, 1, 1, 3, 3, 5, 5, 7, 7, 8, 8},
                    HalfScale.upsample(column).toFloatArray(), 1e-6f);
            assertEquals(new Shape(2, 3, 8, 12), HalfScale.upsample(manager.zeros(new Shape(2, 3, 4, 6))).getShape());
        }
    }

    @Test
    void halvesPicturesByMeansAndMasksByAnyHole() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray picture = manager.create(new float[] {1, 2, 5, 5, 3, 4, 5, 5}, new Shape(1, 1, 2, 4));
            assertArrayEquals(new float[] {2.5f, 5}, HalfScale.picture(picture).toFloatArray(), 1e-6f);
            NDArray mask = manager.create(new float[] {0, 0, 0, 0, 0, 1, 0, 0}, new Shape(1, 1, 2, 4));
            assertArrayEquals(new float[] {1, 0}, HalfScale.mask(mask).toFloatArray(), 0f);
        }
    }
}
