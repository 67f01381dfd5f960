package dev.visionstream.models.splatting;

/**
 * Intrinsics normalised by the image size (pixelSplat convention): {@code fx/W, fy/H, cx/W, cy/H}.
 */
public record NormalizedIntrinsics(double fx, double fy, double cx, double cy) {
    public NormalizedIntrinsics {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("intrinsics need a positive focal length, got fx=" + fx + " fy=" + fy);
        }
    }

    /** From a pixel K (row-major 3×3) of an image {@code width × height}. */
    public static NormalizedIntrinsics fromPixels(double[] k, int width, int height) {
        if (k == null || k.length != 9) {
            throw new IllegalArgumentException("K must be 3×3");
        }
        if (!(k[0] > 0) || !(k[4] > 0)) {
            throw new IllegalArgumentException("intrinsics need a positive focal length, got fx=" + k[0]
                    + " fy=" + k[4]);
        }
        return new NormalizedIntrinsics(k[0] / width, k[4] / height, k[2] / width, k[5] / height);
    }

    /** Pixel K for an image {@code width × height}. */
    public double[] toPixels(int width, int height) {
        return new double[] {fx * width, 0, cx * width, 0, fy * height, cy * height, 0, 0, 1};
    }

    /**
     * After resizing to {@code resizedWidth × resizedHeight} and centre-cropping to {@code width × height}: the
     * focal lengths grow by the crop ratio, the principal point is left unchanged (YoNoSplat's crop shim; exact
     * only for a centred principal point).
     */
    public NormalizedIntrinsics afterResizeCrop(int resizedWidth, int resizedHeight, int width, int height) {
        return new NormalizedIntrinsics(fx * resizedWidth / width, fy * resizedHeight / height, cx, cy);
    }
}
