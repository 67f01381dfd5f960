package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.visionstream.models.GraphScalar;

/**
 * torchvision {@code roi_align} for an integer box whose output size equals its size in cells (sampling ratio -1,
 * aligned False): each output cell is the mean of a 2 x 2 block starting at the cell, with indices past the last
 * row/column clamped to it.
 */
public final class RoiAlign2x2 {
    private RoiAlign2x2() {
    }

    /**
     * Pools {@code box} out of {@code map [..., H, W]}; result {@code [..., box.height(), box.width()]}. Only the
     * box's own window is read (a box touching the far border reuses the last row or column), not a padded copy of
     * the whole map.
     */
    public static NDArray pool(NDArray map, FeatureBox box) {
        int rowAxis = map.getShape().dimension() - 2;
        long rows = map.getShape().get(rowAxis);
        long cols = map.getShape().get(rowAxis + 1);
        NDArray w = map.get(new NDIndex("..., {}:{}, {}:{}", box.y1(), Math.min(box.y2() + 1, rows), box.x1(),
                Math.min(box.x2() + 1, cols)));
        if (box.y2() >= rows) {
            w = w.concat(w.get(new NDIndex("..., -1:, :")), rowAxis);
        }
        if (box.x2() >= cols) {
            w = w.concat(w.get(new NDIndex("..., -1:")), rowAxis + 1);
        }
        NDArray top = w.get(new NDIndex("..., :-1, :"));
        NDArray bottom = w.get(new NDIndex("..., 1:, :"));
        NDArray pairs = top.add(bottom);
        // a scalar that outlives the call: training records this op, and its backward reads the divisor
        return pairs.get(new NDIndex("..., :-1")).add(pairs.get(new NDIndex("..., 1:"))).div(GraphScalar.of(map, 4f));
    }
}
