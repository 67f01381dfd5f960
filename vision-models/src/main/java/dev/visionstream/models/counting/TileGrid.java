package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * "Divide et impera" tiling: the image is split at its midpoints into four quadrants, {@code levels}
 * times, giving {@code 4^levels} tiles in quadrant-major order (TL.TL, TL.TR, TL.BL, TL.BR, TR.TL, ...). The
 * tiles' feature maps are stitched back the same way into one square map of side {@code g * 2^levels}.
 */
public final class TileGrid {
    private final int levels;

    public TileGrid(int levels) {
        if (levels < 0 || levels > 3) {
            throw new IllegalArgumentException("tiling levels must be 0..3, got " + levels);
        }
        this.levels = levels;
    }

    public int levels() {
        return levels;
    }

    public int tilesPerImage() {
        return 1 << (2 * levels);
    }

    /** Tiles per image side. */
    public int tilesPerSide() {
        return 1 << levels;
    }

    /** Tile rectangles in quadrant-major order; right and bottom tiles take the extra pixel of an odd side. */
    public List<TileRect> tiles(int width, int height) {
        List<TileRect> out = new ArrayList<>();
        split(new TileRect(0, 0, width, height), levels, out);
        return out;
    }

    private static void split(TileRect r, int depth, List<TileRect> out) {
        if (depth == 0) {
            out.add(r);
            return;
        }
        int midX = r.width() / 2;
        int midY = r.height() / 2;
        split(new TileRect(r.x(), r.y(), midX, midY), depth - 1, out);
        split(new TileRect(r.x() + midX, r.y(), r.width() - midX, midY), depth - 1, out);
        split(new TileRect(r.x(), r.y() + midY, midX, r.height() - midY), depth - 1, out);
        split(new TileRect(r.x() + midX, r.y() + midY, r.width() - midX, r.height() - midY), depth - 1, out);
    }

    /**
     * Stitches tile features {@code [frames * 4^levels, D, g, g]} (frame-major, tiles quadrant-major within a frame)
     * into {@code [frames, D, g * 2^levels, g * 2^levels]}: every group of four is laid out as [[TL, TR], [BL, BR]].
     */
    public NDArray stitch(NDArray tileFeatures, int frames) {
        long d = tileFeatures.getShape().get(1);
        long g = tileFeatures.getShape().get(2);
        long[] split = new long[4 + 2 * levels];
        split[0] = frames;
        for (int l = 0; l < levels; l++) {
            split[1 + 2 * l] = 2;
            split[2 + 2 * l] = 2;
        }
        split[1 + 2 * levels] = d;
        split[2 + 2 * levels] = g;
        split[3 + 2 * levels] = g;
        // axes: frame, (qy, qx) per level, D, gy, gx -> frame, D, qy..., gy, qx..., gx
        int[] order = new int[split.length];
        int k = 0;
        order[k++] = 0;
        order[k++] = 1 + 2 * levels;
        for (int l = 0; l < levels; l++) {
            order[k++] = 1 + 2 * l;
        }
        order[k++] = 2 + 2 * levels;
        for (int l = 0; l < levels; l++) {
            order[k++] = 2 + 2 * l;
        }
        order[k] = 3 + 2 * levels;
        long side = g << levels;
        return tileFeatures.reshape(split).transpose(order).reshape(frames, d, side, side);
    }
}
