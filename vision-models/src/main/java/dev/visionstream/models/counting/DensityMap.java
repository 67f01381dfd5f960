package dev.visionstream.models.counting;

/**
 * The final density D (row-major {@code height x width}) in the frame of the common similarity map, with the
 * mapping back to image pixels. A map cell u stands for a correlation window whose top-left lies at grid cell
 * about {@code stretch * (u + 0.5) - 0.5}; the window's centre is half a kernel further. {@code rowStretch},
 * {@code rowOffset} (and the column pair) hold those two terms averaged over the exemplars, so that
 * {@code centre = stretch * (u + 0.5) + offset} in grid cells, and image pixels follow by the grid-to-image scale.
 */
public record DensityMap(float[] values, int height, int width, int imageWidth, int imageHeight, int grid,
                         double rowStretch, double rowOffset, double colStretch, double colOffset) {
    public float at(int row, int col) {
        return values[row * width + col];
    }

    /** Image x (pixels) of the centre of column {@code col}. */
    public double imageX(double col) {
        return (colStretch * (col + 0.5) + colOffset) * imageWidth / grid;
    }

    /** Image y (pixels) of the centre of row {@code row}. */
    public double imageY(double row) {
        return (rowStretch * (row + 0.5) + rowOffset) * imageHeight / grid;
    }

    /** Map column (continuous, may be outside the map) whose centre lies at image x {@code x}. */
    public double column(double x) {
        return (x * grid / imageWidth - colOffset) / colStretch - 0.5;
    }

    /** Map row (continuous, may be outside the map) whose centre lies at image y {@code y}. */
    public double row(double y) {
        return (y * grid / imageHeight - rowOffset) / rowStretch - 0.5;
    }

    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
