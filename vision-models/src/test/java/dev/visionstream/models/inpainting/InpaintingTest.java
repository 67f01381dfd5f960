package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.image.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InpaintingTest {
    private static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * 7) & 0xff) << 16 | ((y * 9) & 0xff) << 8 | 0x40);
            }
        }
        return image;
    }

    private static InpaintMask box(int w, int h, int x0, int y0, int x1, int y1) {
        boolean[] holes = new boolean[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                holes[y * w + x] = true;
            }
        }
        return new InpaintMask(w, h, holes);
    }

    private static void assertOnlyHolesChanged(BufferedImage before, BufferedImage after, InpaintMask mask) {
        assertEquals(before.getWidth(), after.getWidth());
        assertEquals(before.getHeight(), after.getHeight());
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                if (!mask.isHole(x, y)) {
                    assertEquals(before.getRGB(x, y), after.getRGB(x, y), "valid pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void maskPicturesUseTheNonZeroRuleAndRescaleOnlyAtTheSameAspectRatio() {
        BufferedImage picture = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 0, 0x000001);
        picture.setRGB(3, 1, 0xffffff);
        InpaintMask mask = InpaintMask.fromImage(picture);
        assertEquals(2, mask.holeCount());
        assertTrue(mask.isHole(1, 0) && mask.isHole(3, 1) && !mask.isHole(0, 0));

        InpaintMask doubled = mask.fittedTo(8, 4);
        assertEquals(8, doubled.holeCount());
        assertTrue(doubled.isHole(2, 0) && doubled.isHole(3, 1) && doubled.isHole(7, 3));
        assertSame(mask, mask.fittedTo(4, 2));
        var e = assertThrows(InpaintInputException.class, () -> mask.fittedTo(4, 4));
        assertTrue(e.getMessage().contains("different aspect ratio"));
        assertThrows(InpaintInputException.class, () -> InpaintMask.decode(new byte[] {1, 2, 3}, "junk"));
    }

    @Test
    void aMaskDeclaringTooManyPixelsIsRefusedBeforeDecoding() {
        var e = assertThrows(InpaintInputException.class,
                () -> InpaintMask.decode(TestImages.pngDeclaring(50_000, 50_000), "bomb.png"));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }

    @Test
    void emptyMasksPassThroughWithoutAModelCallAndFullMasksAreRefused() {
        BufferedImage image = gradient(16, 12);
        InpaintOutcome outcome = Inpainting.run(() -> {
            throw new AssertionError("no model call for an empty mask");
        }, image, new InpaintMask(16, 12, new boolean[16 * 12]));
        assertTrue(outcome.passedThrough());
        assertSame(image, outcome.image());
        var e = assertThrows(InpaintInputException.class,
                () -> Inpainting.run(new OpenCvInpainter(InpaintMethod.TELEA), image, box(16, 12, 0, 0, 16, 12)));
        assertTrue(e.getMessage().contains("covers the whole"));
    }

    @Test
    void openCvMethodsFillHolesFromTheSurroundingColour() {
        BufferedImage flat = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                flat.setRGB(x, y, 0x336699);
            }
        }
        InpaintMask mask = box(40, 30, 10, 10, 20, 18);
        for (InpaintMethod method : List.of(InpaintMethod.TELEA, InpaintMethod.NS)) {
            BufferedImage out = Inpainting.run(new OpenCvInpainter(method), flat, mask).image();
            assertOnlyHolesChanged(flat, out, mask);
            assertEquals(0x336699, out.getRGB(15, 14) & 0xffffff, method + " fills a flat hole with its colour");
        }
    }

    @Test
    void rnPadsOddSizesCropsBackKeepsValidPixelsAndBatchesLikeSingles() {
        try (RnInpainter rn = RnInpainter.randomWeights(2, 3)) {
            BufferedImage a = gradient(30, 22);
            BufferedImage b = gradient(30, 22);
            b.setRGB(0, 0, 0xff0000);
            InpaintMask mask = box(30, 22, 8, 5, 20, 15);
            BufferedImage single = rn.inpaint(a, mask);
            assertOnlyHolesChanged(a, single, mask);
            assertNotEquals(a.getRGB(12, 10), single.getRGB(12, 10), "holes are filled by the model");
            List<BufferedImage> batch = rn.inpaintAll(List.of(a, b), List.of(mask, mask));
            int[] fromBatch = batch.get(0).getRGB(0, 0, 30, 22, null, 0, 30);
            assertArrayEquals(single.getRGB(0, 0, 30, 22, null, 0, 30), fromBatch,
                    "per-image statistics: a frame's result does not depend on its batch mates");
        }
    }

    @Test
    void theBuiltInDefaultFillsAFrameSmallerThanItsBottleneckNeeds() {
        try (RnInpainter rn = RnInpainter.builtIn()) {
            BufferedImage tiny = gradient(7, 5);
            InpaintMask mask = box(7, 5, 2, 1, 5, 4);
            assertOnlyHolesChanged(tiny, rn.inpaint(tiny, mask), mask);
        }
    }

    @Test
    void generatedMasksStayInTheirBandAndRepeatForASeed() {
        for (int i = 0; i < 5; i++) {
            double f = IrregularMasks.generate(64, 64, 0.3, 0.5, new Random(i)).holeFraction();
            assertTrue(f >= 0.3 && f <= 0.5, "fraction " + f);
        }
        assertEquals(IrregularMasks.generate(48, 48, 0.1, 0.6, new Random(9)),
                IrregularMasks.generate(48, 48, 0.1, 0.6, new Random(9)));
    }
}
