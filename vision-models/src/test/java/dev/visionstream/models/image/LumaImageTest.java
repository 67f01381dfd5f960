package dev.visionstream.models.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class LumaImageTest {
    @Test
    void lumaUsesRec601WeightsOnBothPixelLayouts() {
        // 0.299*200 + 0.587*100 + 0.114*50 = 124.2
        BufferedImage bgr = TestImages.filled(2, 2, (200 << 16) | (100 << 8) | 50);
        assertEquals(124, LumaImage.of(bgr).at(1, 1));
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xff000000 | (200 << 16) | (100 << 8) | 50);
        assertEquals(124, LumaImage.of(argb).at(0, 0));
        assertEquals(255, LumaImage.of(TestImages.filled(1, 1, 0xffffff)).at(0, 0));
    }

    @Test
    void thumbnailAveragesBlocks() {
        // 4x2 image: left half 10 and 30 (mean 20), right half 100 and 200 (mean 150)
        LumaImage image = LumaImage.of(4, 2, new byte[] {10, 30, 100, (byte) 200, 10, 30, 100, (byte) 200});
        assertArrayEquals(new byte[] {20, (byte) 150}, image.thumbnail(2, 1));
    }

    @Test
    void exposureCountsDarkAndBrightPixels() {
        LumaImage image = LumaImage.of(4, 1, new byte[] {0, 5, (byte) 128, (byte) 250});
        LumaImage.Exposure e = image.exposure(16, 245);
        assertEquals((0 + 5 + 128 + 250) / 4.0, e.meanLuma(), 1e-9);
        assertEquals(0.5, e.darkFraction(), 1e-9);
        assertEquals(0.25, e.brightFraction(), 1e-9);
    }
}
