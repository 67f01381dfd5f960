package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;

/**
 * YoNoSplat's test-time resize and crop: scale by {@code max(H/h, W/w)} with a Lanczos filter (PIL's resampling:
 * 3-lobe kernel widened by the scale factor when shrinking, results rounded to 8 bits), then centre-crop to
 * {@code H × W}; the normalised focal lengths follow the crop, the principal point does not.
 */
public final class ViewPreprocessor {
    private static final double LANCZOS_SUPPORT = 3.0;

    private ViewPreprocessor() {
    }

    /** The view ready for the network: RGB in [0,1], channel-major {@code [3, height, width]}. */
    public record PreparedView(float[] rgb, int height, int width, NormalizedIntrinsics intrinsics) {
    }

    /** The size after resizing, before the crop: {@code round(h·scale) × round(w·scale)}. */
    public static int[] resizedSize(int srcHeight, int srcWidth, int height, int width) {
        double scale = Math.max((double) height / srcHeight, (double) width / srcWidth);
        return new int[] {(int) Math.round(srcHeight * scale), (int) Math.round(srcWidth * scale)};
    }

    public static PreparedView prepare(BufferedImage image, NormalizedIntrinsics intrinsics, int height, int width) {
        if (height % 14 != 0 || width % 14 != 0) {
            throw new IllegalArgumentException("network input must be a multiple of 14 (patch size), got "
                    + width + "×" + height);
        }
        int h = image.getHeight();
        int w = image.getWidth();
        if (height > h || width > w) {
            throw new IllegalArgumentException("view " + w + "×" + h + " is smaller than the network input "
                    + width + "×" + height + "; it only downsamples");
        }
        int[] resized = resizedSize(h, w, height, width);
        int[][] channels = resize(image, resized[0], resized[1]);
        int top = (resized[0] - height) / 2;
        int left = (resized[1] - width) / 2;
        float[] out = new float[3 * height * width];
        int plane = height * width;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[c * plane + y * width + x] = channels[c][(y + top) * resized[1] + x + left] / 255f;
                }
            }
        }
        NormalizedIntrinsics k = intrinsics == null ? null
                : intrinsics.afterResizeCrop(resized[1], resized[0], width, height);
        return new PreparedView(out, height, width, k);
    }

    /** Lanczos resize of the RGB channels to {@code height × width}; each result is an 8-bit plane. */
    public static int[][] resize(BufferedImage image, int height, int width) {
        int h = image.getHeight();
        int w = image.getWidth();
        double[][] src = new double[3][h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                src[0][y * w + x] = (rgb >> 16) & 0xff;
                src[1][y * w + x] = (rgb >> 8) & 0xff;
                src[2][y * w + x] = rgb & 0xff;
            }
        }
        Kernel horizontal = Kernel.of(w, width);
        Kernel vertical = Kernel.of(h, height);
        int[][] out = new int[3][height * width];
        for (int c = 0; c < 3; c++) {
            // PIL rounds to 8 bits after each pass
            double[] rows = new double[h * width];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < width; x++) {
                    double sum = 0;
                    for (int k = 0; k < horizontal.count[x]; k++) {
                        sum += horizontal.weights[x][k] * src[c][y * w + horizontal.first[x] + k];
                    }
                    rows[y * width + x] = clamp8(sum);
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double sum = 0;
                    for (int k = 0; k < vertical.count[y]; k++) {
                        sum += vertical.weights[y][k] * rows[(vertical.first[y] + k) * width + x];
                    }
                    out[c][y * width + x] = (int) clamp8(sum);
                }
            }
        }
        return out;
    }

    private static double clamp8(double v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= LANCZOS_SUPPORT) {
            return 0;
        }
        double px = Math.PI * x;
        return LANCZOS_SUPPORT * Math.sin(px) * Math.sin(px / LANCZOS_SUPPORT) / (px * px);
    }

    /** Per-output-pixel taps along one axis, normalised to sum to one. */
    private record Kernel(int[] first, int[] count, double[][] weights) {
        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = LANCZOS_SUPPORT * filterScale;
            int[] first = new int[out];
            int[] count = new int[out];
            double[][] weights = new double[out][];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) (centre - support + 0.5));
                int hi = Math.min(in, (int) (centre + support + 0.5));
                double[] w = new double[hi - lo];
                double total = 0;
                for (int j = lo; j < hi; j++) {
                    w[j - lo] = lanczos((j - centre + 0.5) / filterScale);
                    total += w[j - lo];
                }
                for (int j = 0; j < w.length; j++) {
                    w[j] = total == 0 ? 0 : w[j] / total;
                }
                first[i] = lo;
                count[i] = w.length;
                weights[i] = w;
            }
            return new Kernel(first, count, weights);
        }
    }
}
