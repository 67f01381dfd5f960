package dev.visionstream.models.inpainting;

import java.awt.image.BufferedImage;

/**
 * Quality of an inpainted image against the original, on 8-bit values: PSNR and mean absolute error over the hole
 * pixels (all three channels), and SSIM of the whole composited image (Gaussian 11×11 window, σ 1.5, on the
 * channel mean), as in the official eval.py up to its grey-level choice.
 */
public final class InpaintQuality {
    private InpaintQuality() {
    }

    public static double holePsnr(BufferedImage original, BufferedImage result, InpaintMask mask) {
        double mse = holeError(original, result, mask, true);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Mean absolute error over hole pixels, in [0, 1]. */
    public static double holeL1(BufferedImage original, BufferedImage result, InpaintMask mask) {
        return holeError(original, result, mask, false) / 255.0;
    }

    private static double holeError(BufferedImage a, BufferedImage b, InpaintMask mask, boolean squared) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (!mask.isHole(x, y)) {
                    continue;
                }
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((p >> shift) & 0xff) - ((q >> shift) & 0xff);
                    sum += squared ? d * d : Math.abs(d);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    public static double ssim(BufferedImage original, BufferedImage result) {
        int w = original.getWidth();
        int h = original.getHeight();
        double[] x = grey(original);
        double[] y = grey(result);
        double[] xx = new double[x.length];
        double[] yy = new double[x.length];
        double[] xy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = blur(x, w, h);
        double[] my = blur(y, w, h);
        double[] sxx = blur(xx, w, h);
        double[] syy = blur(yy, w, h);
        double[] sxy = blur(xy, w, h);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int count = 0;
        // only windows fully inside the image, as skimage does by cropping the border
        for (int r = 5; r < h - 5; r++) {
            for (int c = 5; c < w - 5; c++) {
                int i = r * w + c;
                double vx = sxx[i] - mx[i] * mx[i];
                double vy = syy[i] - my[i] * my[i];
                double cov = sxy[i] - mx[i] * my[i];
                total += ((2 * mx[i] * my[i] + c1) * (2 * cov + c2))
                        / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
                count++;
            }
        }
        return total / count;
    }

    private static double[] grey(BufferedImage image) {
        int w = image.getWidth();
        double[] out = new double[w * image.getHeight()];
        for (int i = 0; i < out.length; i++) {
            int p = image.getRGB(i % w, i / w);
            out[i] = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3.0;
        }
        return out;
    }

    private static double[] blur(double[] v, int w, int h) {
        double[] k = new double[11];
        double norm = 0;
        for (int i = 0; i < 11; i++) {
            k[i] = Math.exp(-((i - 5) * (i - 5)) / (2 * 1.5 * 1.5));
            norm += k[i];
        }
        double[] rows = new double[v.length];
        double[] out = new double[v.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int t = -5; t <= 5; t++) {
                    s += k[t + 5] * v[r * w + Math.max(0, Math.min(w - 1, c + t))];
                }
                rows[r * w + c] = s / norm;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int t = -5; t <= 5; t++) {
                    s += k[t + 5] * rows[Math.max(0, Math.min(h - 1, r + t)) * w + c];
                }
                out[r * w + c] = s / norm;
            }
        }
        return out;
    }
}
