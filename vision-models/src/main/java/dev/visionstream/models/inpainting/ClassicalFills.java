package dev.visionstream.models.inpainting;

import dev.visionstream.models.image.ImageTensors;
import java.awt.image.BufferedImage;

/**
 * The three classical fills of one image and mask, planar RGB in [0, 1] (3 × h × w), with every hole pixel's
 * distance to the hole border and the visible picture (holes black): what the {@link BlendInpainter} mixes and what
 * {@link BlendWeights} are fitted on.
 */
public record ClassicalFills(int width, int height, float[] visible, float[] telea, float[] navierStokes,
                             float[] diffusion, float[] borderDistance, boolean[] hole) {
    /** The sources in the order of a blend weight row. */
    public static final int SOURCES = 3;

    public static ClassicalFills of(BufferedImage image, InpaintMask mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage blind = HiddenPixels.blanked(image, mask);
        boolean[] hole = new boolean[w * h];
        for (int i = 0; i < hole.length; i++) {
            hole[i] = mask.isHole(i % w, i / w);
        }
        float[] telea = ImageTensors.planarUnitRgb(new OpenCvInpainter(InpaintMethod.TELEA).inpaint(blind, mask));
        float[] ns = ImageTensors.planarUnitRgb(new OpenCvInpainter(InpaintMethod.NS).inpaint(blind, mask));
        float[] visible = ImageTensors.planarUnitRgb(blind);
        float[] diffusion = DiffusionFill.fill(visible, hole, w, h);
        return new ClassicalFills(w, h, visible, telea, ns, diffusion, BorderDistance.of(mask), hole);
    }

    /** Source {@code k}'s value at channel-plane index {@code i} (c · h · w + pixel). */
    public float source(int k, int i) {
        return switch (k) {
            case 0 -> telea[i];
            case 1 -> navierStokes[i];
            default -> diffusion[i];
        };
    }
}
