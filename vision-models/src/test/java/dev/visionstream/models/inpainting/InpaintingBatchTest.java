package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.Attempt;
import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Inpainting#runAll}: one call per image size, in order, each failure kept with its own image. */
class InpaintingBatchTest {
    private static BufferedImage picture(int w, int h, int seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * seed) & 0xff) << 16 | ((y * 9 + seed) & 0xff) << 8 | 0x40);
            }
        }
        return image;
    }

    private static InpaintMask corner(int w, int h) {
        boolean[] holes = new boolean[w * h];
        for (int y = 0; y < h / 4; y++) {
            for (int x = 0; x < w / 4; x++) {
                holes[y * w + x] = true;
            }
        }
        return new InpaintMask(w, h, holes);
    }

    /** Paints holes with a fixed colour; records each call's batch; refuses an image of width {@code poison}. */
    private static final class Recording implements Inpainter {
        final List<Integer> calls = new ArrayList<>();
        final int poison;

        Recording(int poison) {
            this.poison = poison;
        }

        @Override
        public InpaintMethod method() {
            return InpaintMethod.BLEND;
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo("recording", "1", "test");
        }

        @Override
        public BufferedImage inpaint(BufferedImage image, InpaintMask mask) {
            if (image.getWidth() == poison) {
                throw new IllegalStateException("cannot take width " + poison);
            }
            BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    out.setRGB(x, y, mask.isHole(x, y) ? 0x00ff00 : image.getRGB(x, y));
                }
            }
            return out;
        }

        @Override
        public List<BufferedImage> inpaintAll(List<BufferedImage> images, List<InpaintMask> masks) {
            calls.add(images.size());
            return Inpainter.super.inpaintAll(images, masks);
        }
    }

    @Test
    void imagesOfOneSizeGoInOneCallAndResultsComeBackInOrder() {
        Recording inpainter = new Recording(-1);
        List<BufferedImage> images = List.of(picture(16, 12, 1), picture(32, 24, 2), picture(16, 12, 3));
        List<InpaintMask> masks = List.of(corner(16, 12), corner(16, 12), corner(16, 12));
        List<Attempt<InpaintOutcome>> attempts = Inpainting.runAll(() -> inpainter, images, masks);
        assertEquals(List.of(2, 1), inpainter.calls, "16x12 twice in one call, then 32x24");
        for (int i = 0; i < images.size(); i++) {
            BufferedImage alone = Inpainting.run(new Recording(-1), images.get(i), masks.get(i)).image();
            BufferedImage batched = attempts.get(i).get().image();
            assertEquals(images.get(i).getWidth(), batched.getWidth());
            assertArrayEquals(alone.getRGB(0, 0, alone.getWidth(), alone.getHeight(), null, 0, alone.getWidth()),
                    batched.getRGB(0, 0, batched.getWidth(), batched.getHeight(), null, 0, batched.getWidth()));
        }
    }

    @Test
    void aBadImageFailsAloneAndTheOthersOfItsBatchStillGetResults() {
        Recording inpainter = new Recording(20);
        List<BufferedImage> images = List.of(picture(16, 12, 1), picture(20, 15, 2), picture(20, 15, 3),
                picture(16, 12, 4), picture(16, 12, 5));
        InpaintMask full = new InpaintMask(16, 12, fullHoles(16 * 12));
        List<InpaintMask> masks = List.of(corner(16, 12), corner(20, 15), corner(20, 15), full,
                new InpaintMask(16, 12, new boolean[16 * 12]));
        List<Attempt<InpaintOutcome>> attempts = Inpainting.runAll(() -> inpainter, images, masks);
        assertNull(attempts.get(0).failure());
        assertInstanceOf(IllegalStateException.class, attempts.get(1).failure());
        assertInstanceOf(IllegalStateException.class, attempts.get(2).failure());
        assertInstanceOf(InpaintInputException.class, attempts.get(3).failure(), "a full mask");
        assertTrue(attempts.get(4).get().passedThrough(), "an empty mask needs no model call");
        // the failed 20x15 call ran again one image at a time
        assertEquals(List.of(1, 2, 1, 1), inpainter.calls);
    }

    private static boolean[] fullHoles(int n) {
        boolean[] holes = new boolean[n];
        Arrays.fill(holes, true);
        return holes;
    }
}
