package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileSamplerTest extends NdTest {
    @Test
    void batchedResamplingOfEqualTilesMatchesTileByTile() {
        Random random = new Random(4);
        for (int levels : new int[] {0, 1, 2}) {
            float[] pixels = new float[2 * 3 * 48 * 64];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextInt(256);
            }
            NDArray frames = manager.create(pixels, new Shape(2, 3, 48, 64));
            TileGrid grid = new TileGrid(levels);
            NDArray batched = TileSampler.equalTiles(frames, grid, 20);
            NDArray oneByOne = TileSampler.oneByOne(frames, grid, 20);
            assertEquals(new Shape(2L * grid.tilesPerImage(), 3, 20, 20), batched.getShape());
            // 8-bit rounding between the passes: a sum in another order may land on the other side of .5
            assertArrayEquals(oneByOne.toFloatArray(), batched.toFloatArray(), 1.01f / 255, "levels " + levels);
            long differing = batched.sub(oneByOne).abs().gt(0.5f / 255).sum().getLong();
            assertTrue(differing <= pixels.length / 100, differing + " values differ, levels " + levels);
        }
    }
}
