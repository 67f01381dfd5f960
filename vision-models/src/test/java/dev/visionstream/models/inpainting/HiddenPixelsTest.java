package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Privacy: the output may depend on the visible pixels only. Every hidden pixel is changed and the output must stay
 * byte-identical, for every method. The frame's odd size makes RN pad it, and the holes touch the right and bottom
 * edges, where padding by reflection used to copy hidden pixels into the generator's input.
 */
class HiddenPixelsTest {
    private static final int W = 30;
    private static final int H = 22;

    private static BufferedImage picture(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A block in the middle plus strips along the right and bottom edges. */
    private static InpaintMask edgeHoles() {
        boolean[] holes = new boolean[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean block = x >= 8 && x < 14 && y >= 6 && y < 12;
                holes[y * W + x] = block || x >= W - 3 || (y >= H - 2 && x >= 10);
            }
        }
        return new InpaintMask(W, H, holes);
    }

    /** Same visible pixels, different hidden ones. */
    private static BufferedImage withOtherHiddenPixels(BufferedImage image, InpaintMask mask) {
        BufferedImage other = picture(99);
        BufferedImage out = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                out.setRGB(x, y, mask.isHole(x, y) ? other.getRGB(x, y) : image.getRGB(x, y));
            }
        }
        return out;
    }

    @Test
    void noMethodsOutputDependsOnWhatTheHolesHide() {
        BufferedImage image = picture(1);
        InpaintMask mask = edgeHoles();
        BufferedImage changed = withOtherHiddenPixels(image, mask);
        try (Inpainter randomRn = RnInpainter.randomWeights(2, 3); Inpainter builtIn = RnInpainter.builtIn();
             Inpainter telea = new OpenCvInpainter(InpaintMethod.TELEA);
             Inpainter ns = new OpenCvInpainter(InpaintMethod.NS); Inpainter blend = BlendInpainter.builtIn()) {
            for (Inpainter inpainter : List.of(randomRn, builtIn, telea, ns, blend)) {
                int[] first = inpainter.inpaint(image, mask).getRGB(0, 0, W, H, null, 0, W);
                int[] second = inpainter.inpaint(changed, mask).getRGB(0, 0, W, H, null, 0, W);
                assertArrayEquals(first, second, inpainter.model().name() + " output depends on hidden pixels");
            }
        }
    }
}
