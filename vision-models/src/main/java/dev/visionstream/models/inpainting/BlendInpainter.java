package dev.visionstream.models.inpainting;

import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;

/**
 * The {@code blend} method: per hole pixel, a fixed mix of Telea, Navier–Stokes and the multi-scale diffusion fill,
 * chosen by the pixel's distance to the hole border ({@link BlendWeights}). It is also the pre-fill that the
 * residual RN generator starts from.
 */
public final class BlendInpainter implements Inpainter {
    private final BlendWeights weights;
    private final ModelInfo model;

    public BlendInpainter(BlendWeights weights, String version) {
        this.weights = weights;
        this.model = new ModelInfo("blend-telea-ns-diffusion", version,
                "per-pixel least-squares blend of OpenCV Telea, Navier-Stokes and a multi-scale diffusion fill, "
                        + "weights by distance to the hole border, fitted on training photos (vision inpaint train)",
                "cpu");
    }

    public static BlendInpainter builtIn() {
        return new BlendInpainter(BlendWeights.builtIn(), "built-in");
    }

    public BlendWeights weights() {
        return weights;
    }

    @Override
    public InpaintMethod method() {
        return InpaintMethod.BLEND;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public BufferedImage inpaint(BufferedImage image, InpaintMask mask) {
        float[] filled = prefill(image, mask);
        return HoleTensors.composite(image, ImageTensors.fromPlanarUnit(filled, 0, image.getWidth(), image.getHeight()),
                mask);
    }

    /** The blend as planar RGB in [0, 1]: valid pixels from the image, holes filled. */
    public float[] prefill(BufferedImage image, InpaintMask mask) {
        return weights.apply(ClassicalFills.of(image, mask));
    }
}
