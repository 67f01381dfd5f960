package dev.visionstream.models.inpainting;

/**
 * A multi-scale membrane (Laplace) fill: the picture is halved until the holes vanish, holes at each scale start
 * from the coarser result and relax towards the average of their four neighbours. Large holes get the smooth
 * colour of their whole surround instead of Telea's streaks; it never reads a hole pixel's own value.
 */
public final class DiffusionFill {
    /** Gauss–Seidel sweeps per scale: the coarser scale already supplies the low frequencies. */
    private static final int SWEEPS = 24;

    private DiffusionFill() {
    }

    /**
     * @param planar 3 × h × w values; hole values are ignored and overwritten
     * @param hole   h × w, true = hole
     * @return a new planar array with the holes filled
     */
    public static float[] fill(float[] planar, boolean[] hole, int w, int h) {
        float[] out = planar.clone();
        fillInPlace(out, hole, w, h);
        return out;
    }

    private static void fillInPlace(float[] img, boolean[] hole, int w, int h) {
        int plane = w * h;
        int holes = 0;
        for (boolean b : hole) {
            holes += b ? 1 : 0;
        }
        if (holes == 0) {
            return;
        }
        if (holes == plane) {
            throw new IllegalArgumentException("nothing to diffuse from: the whole " + w + "x" + h + " area is a hole");
        }
        if (w <= 2 || h <= 2) {
            fillWithMean(img, hole, plane);
        } else {
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            float[] coarse = new float[3 * cw * ch];
            boolean[] coarseHole = new boolean[cw * ch];
            downsample(img, hole, w, h, coarse, coarseHole, cw, ch);
            fillInPlace(coarse, coarseHole, cw, ch);
            upsampleIntoHoles(coarse, cw, ch, img, hole, w, h);
        }
        relax(img, hole, w, h);
    }

    private static void fillWithMean(float[] img, boolean[] hole, int plane) {
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < plane; i++) {
                if (!hole[i]) {
                    sum += img[c * plane + i];
                    n++;
                }
            }
            float mean = (float) (sum / n);
            for (int i = 0; i < plane; i++) {
                if (hole[i]) {
                    img[c * plane + i] = mean;
                }
            }
        }
    }

    /** Mean of the valid children of each 2 × 2 block; a block with none stays a hole. */
    private static void downsample(float[] img, boolean[] hole, int w, int h, float[] coarse, boolean[] coarseHole,
                                   int cw, int ch) {
        int plane = w * h;
        int coarsePlane = cw * ch;
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                float[] sum = new float[3];
                int n = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int x = 2 * cx + dx;
                        int y = 2 * cy + dy;
                        if (x < w && y < h && !hole[y * w + x]) {
                            for (int c = 0; c < 3; c++) {
                                sum[c] += img[c * plane + y * w + x];
                            }
                            n++;
                        }
                    }
                }
                int ci = cy * cw + cx;
                coarseHole[ci] = n == 0;
                for (int c = 0; c < 3; c++) {
                    coarse[c * coarsePlane + ci] = n == 0 ? 0f : sum[c] / n;
                }
            }
        }
    }

    /** Bilinear interpolation of the coarse picture at the hole pixels (pixel centres aligned). */
    private static void upsampleIntoHoles(float[] coarse, int cw, int ch, float[] img, boolean[] hole, int w, int h) {
        int plane = w * h;
        int coarsePlane = cw * ch;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(ch - 1, (y + 0.5) / 2 - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(ch - 1, y0 + 1);
            float ty = (float) (fy - y0);
            for (int x = 0; x < w; x++) {
                if (!hole[y * w + x]) {
                    continue;
                }
                double fx = Math.max(0, Math.min(cw - 1, (x + 0.5) / 2 - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(cw - 1, x0 + 1);
                float tx = (float) (fx - x0);
                for (int c = 0; c < 3; c++) {
                    int o = c * coarsePlane;
                    float top = coarse[o + y0 * cw + x0] * (1 - tx) + coarse[o + y0 * cw + x1] * tx;
                    float bottom = coarse[o + y1 * cw + x0] * (1 - tx) + coarse[o + y1 * cw + x1] * tx;
                    img[c * plane + y * w + x] = top * (1 - ty) + bottom * ty;
                }
            }
        }
    }

    /** Gauss–Seidel sweeps of the discrete Laplace equation over the hole pixels (edges replicate). */
    private static void relax(float[] img, boolean[] hole, int w, int h) {
        int plane = w * h;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int y = 0; y < h; y++) {
                int up = y > 0 ? y - 1 : y;
                int down = y < h - 1 ? y + 1 : y;
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (!hole[i]) {
                        continue;
                    }
                    int left = x > 0 ? x - 1 : x;
                    int right = x < w - 1 ? x + 1 : x;
                    for (int c = 0; c < 3; c++) {
                        int o = c * plane;
                        img[o + i] = 0.25f * (img[o + up * w + x] + img[o + down * w + x] + img[o + y * w + left]
                                + img[o + y * w + right]);
                    }
                }
            }
        }
    }
}
