package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * torchvision {@code roi_align} for an integer box whose output size equals its size in cells (sampling ratio -1,
 * aligned False): each output cell is the mean of a 2 x 2 block starting at the cell, with indices past the last
 * row/column clamped to it (spec §6).
 */
public final class RoiAlign2x2 {
    private RoiAlign2x2() {
    }

    /** The map {@code [..., H, W]} with its last row and column repeated once: indices H and W become valid. */
    public static NDArray edgePadded(NDArray map) {
        int rows = map.getShape().dimension() - 2;
        NDArray withRow = map.concat(map.get(new NDIndex("..., -1:, :")), rows);
        return withRow.concat(withRow.get(new NDIndex("..., -1:")), rows + 1);
    }

    /** Pools {@code box} out of an {@link #edgePadded} map; result {@code [..., box.height(), box.width()]}. */
    public static NDArray pool(NDArray paddedMap, FeatureBox box) {
        NDArray w = paddedMap.get(new NDIndex("..., {}:{}, {}:{}", box.y1(), box.y2() + 1, box.x1(), box.x2() + 1));
        NDArray top = w.get(new NDIndex("..., :-1, :"));
        NDArray bottom = w.get(new NDIndex("..., 1:, :"));
        NDArray rows = top.add(bottom);
        return rows.get(new NDIndex("..., :-1")).add(rows.get(new NDIndex("..., 1:"))).div(4f);
    }
}
