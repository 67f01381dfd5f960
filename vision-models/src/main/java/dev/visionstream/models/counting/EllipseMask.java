package dev.visionstream.models.counting;

/**
 * Weights of the ellipse inscribed in an h x w cell rectangle: for every cell, the fraction of a 10 x 10
 * sub-cell sample grid that falls inside the ellipse. Computed in float32 with PyTorch's linspace arithmetic so that
 * samples exactly on the boundary land on the same side as in the official code.
 */
public final class EllipseMask {
    static final int SAMPLES_PER_CELL = 10;

    private EllipseMask() {
    }

    /** Row-major h x w coverage in [0, 1]. */
    public static float[] coverage(int h, int w) {
        if (h <= 0 || w <= 0) {
            return new float[0];
        }
        float[] ys = linspace(0.5f, h - 0.5f, h);
        float[] xs = linspace(0.5f, w - 0.5f, w);
        float[] sub = linspace(-0.5f + 1f / (2 * SAMPLES_PER_CELL), 0.5f - 1f / (2 * SAMPLES_PER_CELL),
                SAMPLES_PER_CELL);
        float halfW = (float) (w / 2.0);
        float halfH = (float) (h / 2.0);
        float[] out = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int inside = 0;
                for (float dy : sub) {
                    float ny = (ys[i] + dy - halfH) / halfH;
                    for (float dx : sub) {
                        float nx = (xs[j] + dx - halfW) / halfW;
                        if (nx * nx + ny * ny <= 1.0f) {
                            inside++;
                        }
                    }
                }
                out[i * w + j] = inside / (float) (SAMPLES_PER_CELL * SAMPLES_PER_CELL);
            }
        }
        return out;
    }

    /** torch.linspace for float32 on CPU: the first half steps up from start, the second half down from end. */
    static float[] linspace(float start, float end, int steps) {
        float[] v = new float[steps];
        if (steps == 1) {
            v[0] = start;
            return v;
        }
        float step = (end - start) / (steps - 1);
        int half = steps / 2;
        for (int i = 0; i < steps; i++) {
            v[i] = i < half ? start + step * i : end - step * (steps - i - 1);
        }
        return v;
    }
}
