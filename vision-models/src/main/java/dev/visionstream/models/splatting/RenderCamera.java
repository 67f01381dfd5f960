package dev.visionstream.models.splatting;

/**
 * A pinhole camera for the rasteriser: world-to-camera rotation and translation (OpenCV axes), pixel focal lengths
 * and principal point, image size, and the near distance {@code near} (Gaussians with view depth ≤ 0.2·near are
 * culled: the rasteriser's hard-coded 0.2 after YoNoSplat's scale-invariant 1/near rescale).
 */
public record RenderCamera(double[] worldToCamRotation, double[] worldToCamTranslation, double fx, double fy,
                           double cx, double cy, int width, int height, double near) {
    /** The rasteriser's near-plane cull in its own (rescaled) units. */
    public static final double NEAR_CULL = 0.2;

    public RenderCamera {
        if (!(fx > 0) || !(fy > 0)) {
            throw new IllegalArgumentException("render camera needs a positive focal length, got " + fx + ", " + fy);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("render size must be positive, got " + width + "×" + height);
        }
        if (!(near > 0)) {
            throw new IllegalArgumentException("near must be positive, got " + near);
        }
    }

    /** From a camera-to-world pose and a pixel K (principal point honoured). */
    public static RenderCamera of(Pose camToWorld, double[] k, int width, int height, double near) {
        Pose view = camToWorld.inverse();
        return new RenderCamera(view.rotation(), view.translation(), k[0], k[4], k[2], k[5], width, height, near);
    }

    /**
     * The camera YoNoSplat's rasteriser builds from normalised intrinsics: focal {@code fx_n·W}, {@code fy_n·H},
     * principal point forced to the image centre {@code ((W−1)/2, (H−1)/2)} (pixel centres at integers).
     */
    public static RenderCamera centred(Pose camToWorld, NormalizedIntrinsics k, int width, int height, double near) {
        Pose view = camToWorld.inverse();
        return new RenderCamera(view.rotation(), view.translation(), k.fx() * width, k.fy() * height,
                (width - 1) / 2.0, (height - 1) / 2.0, width, height, near);
    }

    public double tanHalfFovX() {
        return width / (2 * fx);
    }

    public double tanHalfFovY() {
        return height / (2 * fy);
    }
}
