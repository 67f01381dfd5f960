package dev.visionstream.models.counting;

/**
 * An exemplar box on the stitched feature grid, in whole cells: rows {@code [y1, y2)} and columns {@code [x1, x2)}.
 * Its size is the size of the correlation kernel cut from the grid.
 */
public record FeatureBox(int x1, int y1, int x2, int y2) {
    public int height() {
        return y2 - y1;
    }

    public int width() {
        return x2 - x1;
    }

    public int area() {
        return height() * width();
    }
}
