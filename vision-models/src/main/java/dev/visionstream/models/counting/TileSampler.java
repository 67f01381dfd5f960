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
 * bicubic filter. PIL works on 8-bit images: like it, each pass rounds and clamps to 0..255.
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
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        int side = grid.tilesPerSide();
        if (w % side == 0 && h % side == 0) {
            return equalTiles(frames, grid, tileSize);
        }
        return oneByOne(frames, grid, tileSize);
    }

    /** Each tile cut and resized on its own: any frame size (tiles of an odd side differ by a pixel). */
    static NDArray oneByOne(NDArray frames, TileGrid grid, int tileSize) {
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

    /**
     * The same resampling when every tile has the same size: two batched products over all tiles at once (a few
     * operations instead of a few per tile), then the tiles put in quadrant-major order.
     */
    static NDArray equalTiles(NDArray frames, TileGrid grid, int size) {
        Shape shape = frames.getShape();
        long b = shape.get(0);
        int side = grid.tilesPerSide();
        int th = (int) shape.get(2) / side;
        int tw = (int) shape.get(3) / side;
        NDManager manager = frames.getManager();
        NDArray colsT = manager.create(ResampleMatrices.pilBicubic(tw, size), new Shape(size, tw)).transpose();
        NDArray rows = manager.create(ResampleMatrices.pilBicubic(th, size), new Shape(size, th));
        NDArray horizontal = frames.reshape(b, 3, shape.get(2), side, tw).matMul(colsT).round().clip(0, 255);
        // [B, 3, row band, th, column band, S] -> [B, 3, row band, column band, th, S]
        NDArray bands = horizontal.reshape(b, 3, side, th, side, size).transpose(0, 1, 2, 4, 3, 5);
        NDArray resized = rows.matMul(bands).round().clip(0, 255);
        int levels = grid.levels();
        long[] split = new long[4 + 2 * levels];
        split[0] = b;
        split[1] = 3;
        for (int l = 0; l < levels; l++) {
            split[2 + l] = 2;
            split[2 + levels + l] = 2;
        }
        split[2 + 2 * levels] = size;
        split[3 + 2 * levels] = size;
        // axes: frame, colour, qy..., qx..., y, x -> frame, (qy, qx) per level, colour, y, x
        int[] order = new int[split.length];
        int k = 0;
        order[k++] = 0;
        for (int l = 0; l < levels; l++) {
            order[k++] = 2 + l;
            order[k++] = 2 + levels + l;
        }
        order[k++] = 1;
        order[k++] = 2 + 2 * levels;
        order[k] = 3 + 2 * levels;
        return resized.reshape(split).transpose(order).reshape(b * side * side, 3, size, size).div(255f);
    }

    private static NDArray resize(NDManager manager, NDArray tile, int h, int w, int size) {
        // PIL resizes horizontally first, then vertically, storing 8-bit pixels in between
        NDArray colsT = manager.create(ResampleMatrices.pilBicubic(w, size), new Shape(size, w)).transpose();
        NDArray rows = manager.create(ResampleMatrices.pilBicubic(h, size), new Shape(size, h));
        NDArray horizontal = tile.matMul(colsT).round().clip(0, 255);
        return rows.matMul(horizontal).round().clip(0, 255);
    }
}
