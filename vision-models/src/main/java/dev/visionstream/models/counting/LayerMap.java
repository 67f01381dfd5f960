package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;

/**
 * One layer of a network's feature map ({@code [1, C, h, w]}, read once into Java), read at image positions: a
 * feature vector by bilinear sampling at a point, or averaged over a box through per-channel integral images.
 *
 * @param cellsPerPixelX cells of the map per image pixel, across
 * @param cellsPerPixelY the same, down
 */
record LayerMap(float[] values, int channels, int height, int width, double[] integral, double cellsPerPixelX,
                double cellsPerPixelY) {

    static LayerMap of(NDArray map, double cellsPerPixelX, double cellsPerPixelY) {
        long[] s = map.getShape().getShape();
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] v = map.toFloatArray();
        double[] integral = new double[c * (h + 1) * (w + 1)];
        for (int k = 0; k < c; k++) {
            int base = k * (h + 1) * (w + 1);
            for (int y = 0; y < h; y++) {
                double row = 0;
                for (int x = 0; x < w; x++) {
                    row += v[(k * h + y) * w + x];
                    integral[base + (y + 1) * (w + 1) + x + 1] = integral[base + y * (w + 1) + x + 1] + row;
                }
            }
        }
        return new LayerMap(v, c, h, w, integral, cellsPerPixelX, cellsPerPixelY);
    }

    /** The feature at image point {@code (x, y)}, bilinear between cell centres, zero beyond the map. */
    double[] point(double x, double y) {
        double u = x * cellsPerPixelX - 0.5;
        double v = y * cellsPerPixelY - 0.5;
        int u0 = (int) Math.floor(u);
        int v0 = (int) Math.floor(v);
        double fu = u - u0;
        double fv = v - v0;
        double[] out = new double[channels];
        add(out, u0, v0, (1 - fu) * (1 - fv));
        add(out, u0 + 1, v0, fu * (1 - fv));
        add(out, u0, v0 + 1, (1 - fu) * fv);
        add(out, u0 + 1, v0 + 1, fu * fv);
        return out;
    }

    private void add(double[] out, int col, int row, double weight) {
        if (col < 0 || row < 0 || col >= width || row >= height || weight == 0) {
            return;
        }
        for (int k = 0; k < channels; k++) {
            out[k] += weight * values[(k * height + row) * width + col];
        }
    }

    /** The mean feature over the cells that image box {@code (x1, y1)–(x2, y2)} touches, clipped to the map. */
    double[] box(double x1, double y1, double x2, double y2) {
        int c1 = clamp((int) Math.floor(x1 * cellsPerPixelX), width - 1);
        int r1 = clamp((int) Math.floor(y1 * cellsPerPixelY), height - 1);
        int c2 = Math.min(Math.max((int) Math.ceil(x2 * cellsPerPixelX), c1 + 1), width);
        int r2 = Math.min(Math.max((int) Math.ceil(y2 * cellsPerPixelY), r1 + 1), height);
        double area = (double) (c2 - c1) * (r2 - r1);
        double[] out = new double[channels];
        for (int k = 0; k < channels; k++) {
            int base = k * (height + 1) * (width + 1);
            double sum = integral[base + r2 * (width + 1) + c2] - integral[base + r1 * (width + 1) + c2]
                    - integral[base + r2 * (width + 1) + c1] + integral[base + r1 * (width + 1) + c1];
            out[k] = sum / area;
        }
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
