package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileGridTest extends NdTest {
    @Test
    void oneSplitGivesQuadrantsWithTheOddPixelOnTheFarSide() {
        assertEquals(List.of(new TileRect(0, 0, 5, 3), new TileRect(5, 0, 5, 3), new TileRect(0, 3, 5, 4),
                new TileRect(5, 3, 5, 4)), new TileGrid(1).tiles(10, 7));
    }

    @Test
    void twoSplitsAreQuadrantMajor() {
        List<TileRect> tiles = new TileGrid(2).tiles(9, 8);
        assertEquals(16, tiles.size());
        // TL quadrant (0,0,4,4) split first: TL.TL, TL.TR, TL.BL, TL.BR; then TR quadrant (4,0,5,4)
        assertEquals(new TileRect(0, 0, 2, 2), tiles.get(0));
        assertEquals(new TileRect(2, 0, 2, 2), tiles.get(1));
        assertEquals(new TileRect(0, 2, 2, 2), tiles.get(2));
        assertEquals(new TileRect(2, 2, 2, 2), tiles.get(3));
        assertEquals(new TileRect(4, 0, 2, 2), tiles.get(4));
        assertEquals(new TileRect(6, 0, 3, 2), tiles.get(5));
        assertEquals(new TileRect(6, 6, 3, 2), tiles.get(15));
    }

    @Test
    void stitchingPlacesSixteenOneCellTilesQuadrantMajor() {
        float[] ids = new float[16];
        for (int i = 0; i < 16; i++) {
            ids[i] = i;
        }
        NDArray tiles = manager.create(ids, new Shape(16, 1, 1, 1));
        NDArray map = new TileGrid(2).stitch(tiles, 1);
        assertEquals(new Shape(1, 1, 4, 4), map.getShape());
        assertArrayEquals(new float[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, map.toFloatArray());
    }

    @Test
    void stitchingKeepsCellsInsideTilesAndChannelsAndFramesApart() {
        // 2 frames x 4 tiles, 2 channels, 2x2 cells: value = frame*1000 + tile*100 + channel*10 + cell
        int frames = 2;
        float[] v = new float[frames * 4 * 2 * 4];
        int k = 0;
        for (int f = 0; f < frames; f++) {
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 2; c++) {
                    for (int cell = 0; cell < 4; cell++) {
                        v[k++] = f * 1000 + t * 100 + c * 10 + cell;
                    }
                }
            }
        }
        NDArray map = new TileGrid(1).stitch(manager.create(v, new Shape(frames * 4, 2, 2, 2)), frames);
        assertEquals(new Shape(2, 2, 4, 4), map.getShape());
        assertArrayEquals(new float[] {1010, 1011, 1110, 1111, 1012, 1013, 1112, 1113, 1210, 1211, 1310, 1311,
                1212, 1213, 1312, 1313}, map.get(1, 1).toFloatArray());
    }
}
