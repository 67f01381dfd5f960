package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Reflection padding, PixelShuffle order and nearest resizing against values written out by hand. */
class TensorLayoutTest {
    @Test
    void reflectionPadMirrorsWithoutRepeatingTheEdge() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
            var padded = ReflectionPad.pad(x, 1);
            assertEquals(new Shape(1, 1, 4, 5), padded.getShape());
            assertArrayEquals(new float[] {
                    5, 4, 5, 6, 5,
                    2, 1, 2, 3, 2,
                    5, 4, 5, 6, 5,
                    2, 1, 2, 3, 2}, padded.toFloatArray());
        }
    }

    @Test
    void pixelShuffleUsesChannelRowColumnOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 4 channels of one pixel each: out[0, i, j] = in[2i + j]
            var x = manager.create(new float[] {10, 11, 12, 13}, new Shape(1, 4, 1, 1));
            assertArrayEquals(new float[] {10, 11, 12, 13}, PixelShuffle.shuffle(x, 2).toFloatArray());
            // two pixels wide: out[0, i, 2w + j] = in[2i + j, 0, w]
            var wide = manager.create(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, new Shape(1, 4, 1, 2));
            assertArrayEquals(new float[] {0, 10, 1, 11, 20, 30, 21, 31}, PixelShuffle.shuffle(wide, 2).toFloatArray());
        }
    }

    @Test
    void nearestResizeFollowsPyTorchsFloorRule() {
        assertArrayEquals(new long[] {0, 2, 4, 6}, NearestResize.sourceIndices(8, 4));
        assertArrayEquals(new long[] {0, 1, 3}, NearestResize.sourceIndices(5, 3));
        try (NDManager manager = NDManager.newBaseManager()) {
            var mask = manager.create(new float[] {1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1},
                    new Shape(1, 1, 4, 4));
            assertArrayEquals(new float[] {1, 0, 0, 1}, NearestResize.resize(mask, 2, 2).toFloatArray());
        }
    }
}
