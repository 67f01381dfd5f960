package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Cuts frames into the tiles of a {@link TileGrid} and resizes each to the backbone's square input with PIL's
 * bicubic filter (spec §4.3). PIL works on 8-bit images: like it, each pass rounds and clamps to 0..255.
 */
public final class TileSampler {
    private TileSampler() {
    }

    /**
     * @param frames {@code [B, 3, H, W]} RGB in 0..255, all frames of one size
     * @return {@code [B * tiles, 3, S, S]} RGB in [0, 1], frame-major, tiles quadrant-major within a frame
     */
    public static NDArray tiles(NDArray frames, TileGrid grid, int tileSize) {
        Shape shape = frames.getShape();
        int b = (int) shape.get(0);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        NDManager manager = frames.getManager();
        List<TileRect> rects = grid.tiles(w, h);
        NDList resized = new NDList(rects.size());
        for (TileRect r : rects) {
            NDArray tile = frames.get(new NDIndex(":, :, {}:{}, {}:{}", r.y(), r.y() + r.height(), r.x(),
                    r.x() + r.width()));
            resized.add(resize(manager, tile, r.height(), r.width(), tileSize));
        }
        return NDArrays.stack(resized, 1).reshape(b * (long) rects.size(), 3, tileSize, tileSize).div(255f);
    }

    private static NDArray resize(NDManager manager, NDArray tile, int h, int w, int size) {
        // PIL resizes horizontally first, then vertically, storing 8-bit pixels in between
        NDArray colsT = manager.create(ResampleMatrices.pilBicubic(w, size), new Shape(size, w)).transpose();
        NDArray rows = manager.create(ResampleMatrices.pilBicubic(h, size), new Shape(size, h));
        NDArray horizontal = tile.matMul(colsT).round().clip(0, 255);
        return rows.matMul(horizontal).round().clip(0, 255);
    }
}
