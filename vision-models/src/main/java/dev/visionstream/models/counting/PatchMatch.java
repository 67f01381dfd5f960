package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pixel-level check of a candidate against the exemplars: the normalised cross-correlation of small area-averaged
 * patches (grey level, and gradient magnitude, which ignores a change of hue or brightness) at a few scales around
 * the candidate, the best over exemplars. Cheap, because only candidates are checked.
 */
final class PatchMatch {
    static final int SIDE = 12;
    private static final double[] SCALES = {0.8, 0.9, 1.0, 1.12, 1.25};

    private final SummedArea grey;
    private final SummedArea edges;
    private final List<Box> exemplars;
    private final double[][] greyExemplars;
    private final double[][] edgeExemplars;
    private final double meanWidth;
    private final double meanHeight;
    private final double exemplarContrast;

    PatchMatch(BufferedImage image, List<Box> exemplars) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] lum = new double[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                lum[y * w + x] = (0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff)) / 255;
            }
        }
        double[] mag = new double[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double gx = lum[y * w + x + 1] - lum[y * w + x - 1];
                double gy = lum[(y + 1) * w + x] - lum[(y - 1) * w + x];
                mag[y * w + x] = Math.sqrt(gx * gx + gy * gy);
            }
        }
        this.grey = new SummedArea(lum, w, h);
        this.edges = new SummedArea(mag, w, h);
        this.exemplars = exemplars;
        this.greyExemplars = new double[exemplars.size()][];
        this.edgeExemplars = new double[exemplars.size()][];
        double mw = 0;
        double mh = 0;
        for (Box b : exemplars) {
            mw += b.width() / exemplars.size();
            mh += b.height() / exemplars.size();
        }
        this.meanWidth = mw;
        this.meanHeight = mh;
        double ec = 0;
        for (Box b : exemplars) {
            ec += edges.mean(b.x() + b.width() / 2, b.y() + b.height() / 2, b.width() / 2, b.height() / 2)
                    / exemplars.size();
        }
        this.exemplarContrast = Math.max(ec, 1e-6);
        for (int i = 0; i < exemplars.size(); i++) {
            Box b = exemplars.get(i);
            double cx = b.x() + b.width() / 2;
            double cy = b.y() + b.height() / 2;
            greyExemplars[i] = grey.patch(cx, cy, b.width(), b.height());
            edgeExemplars[i] = edges.patch(cx, cy, b.width(), b.height());
        }
    }

    /**
     * The mean edge magnitude in the middle of a box of the exemplars' mean size at {@code (x, y)}, over the same in
     * the exemplars: near 0 on flat sky or wall, where any normalised correlation is noise.
     */
    double contrast(double x, double y) {
        return edges.mean(x, y, meanWidth / 2, meanHeight / 2) / exemplarContrast;
    }

    /** The best matches over exemplars and scales of a candidate centred on {@code (x, y)}. */
    Match best(double x, double y) {
        double bestGrey = -1;
        double bestEdge = -1;
        double bestBoth = -2;
        double side = 0;
        for (int i = 0; i < exemplars.size(); i++) {
            Box b = exemplars.get(i);
            for (double s : SCALES) {
                double bw = b.width() * s;
                double bh = b.height() * s;
                double g = dot(greyExemplars[i], grey.patch(x, y, bw, bh));
                double e = dot(edgeExemplars[i], edges.patch(x, y, bw, bh));
                bestGrey = Math.max(bestGrey, g);
                bestEdge = Math.max(bestEdge, e);
                if (g + e > bestBoth) {
                    bestBoth = g + e;
                    side = Math.min(bw, bh);
                }
            }
        }
        return new Match(bestGrey, bestEdge, side);
    }

    /**
     * The best correlations of a candidate, and the shorter side (pixels) of the exemplar box and scale that matched
     * it best on both together: the candidate's own size.
     */
    record Match(double grey, double edges, double side) {
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A plane with its summed-area table: box means in constant time. */
    static final class SummedArea {
        private final double[] sums;
        private final int w;
        private final int h;

        SummedArea(double[] plane, int w, int h) {
            this.w = w;
            this.h = h;
            this.sums = new double[(w + 1) * (h + 1)];
            for (int y = 0; y < h; y++) {
                double acc = 0;
                for (int x = 0; x < w; x++) {
                    acc += plane[y * w + x];
                    sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + acc;
                }
            }
        }

        /** The plane's mean over a {@code bw x bh} box centred on {@code (cx, cy)}, clipped to the image. */
        double mean(double cx, double cy, double bw, double bh) {
            int xa = clamp((int) Math.floor(cx - bw / 2), w - 1);
            int xb = Math.max(xa + 1, clamp((int) Math.ceil(cx + bw / 2), w));
            int ya = clamp((int) Math.floor(cy - bh / 2), h - 1);
            int yb = Math.max(ya + 1, clamp((int) Math.ceil(cy + bh / 2), h));
            return (sums[yb * (w + 1) + xb] - sums[ya * (w + 1) + xb] - sums[yb * (w + 1) + xa]
                    + sums[ya * (w + 1) + xa]) / ((double) (yb - ya) * (xb - xa));
        }

        /**
         * A SIDE×SIDE patch of cell means over a {@code bw x bh} box centred on {@code (cx, cy)}, zero mean and unit
         * norm (all zero when flat); cells outside the image read as its nearest edge.
         */
        double[] patch(double cx, double cy, double bw, double bh) {
            double[] p = new double[SIDE * SIDE];
            double x0 = cx - bw / 2;
            double y0 = cy - bh / 2;
            double mean = 0;
            for (int r = 0; r < SIDE; r++) {
                int ya = clamp((int) Math.floor(y0 + bh * r / SIDE), h - 1);
                int yb = Math.max(ya + 1, clamp((int) Math.floor(y0 + bh * (r + 1) / SIDE), h));
                for (int c = 0; c < SIDE; c++) {
                    int xa = clamp((int) Math.floor(x0 + bw * c / SIDE), w - 1);
                    int xb = Math.max(xa + 1, clamp((int) Math.floor(x0 + bw * (c + 1) / SIDE), w));
                    double v = (sums[yb * (w + 1) + xb] - sums[ya * (w + 1) + xb] - sums[yb * (w + 1) + xa]
                            + sums[ya * (w + 1) + xa]) / ((double) (yb - ya) * (xb - xa));
                    p[r * SIDE + c] = v;
                    mean += v;
                }
            }
            mean /= p.length;
            double norm = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] -= mean;
                norm += p[i] * p[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < p.length; i++) {
                p[i] = norm > 1e-9 ? p[i] / norm : 0;
            }
            return p;
        }

        private static int clamp(int v, int max) {
            return Math.max(0, Math.min(max, v));
        }
    }
}
