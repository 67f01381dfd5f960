package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ViewPreprocessorTest {
    @Test
    void resizeKeepsAspectAndCoversTheTarget() {
        // 640×480 to 224×224: scale = max(224/480, 224/640) = 0.4667 → 299×224 before the crop
        assertArrayEquals(new int[] {224, 299}, ViewPreprocessor.resizedSize(480, 640, 224, 224));
        // 1282×1110 to 518×280: scale = max(280/1110, 518/1282) = 0.40406 → 449×518
        assertArrayEquals(new int[] {449, 518}, ViewPreprocessor.resizedSize(1110, 1282, 280, 518));
    }

    @Test
    void focalFollowsTheCropPrincipalPointDoesNot() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        NormalizedIntrinsics k = new NormalizedIntrinsics(0.8, 1.1, 0.52, 0.49);
        ViewPreprocessor.PreparedView v = ViewPreprocessor.prepare(image, k, 224, 224);
        assertEquals(0.8 * 299 / 224, v.intrinsics().fx(), 1e-12);
        assertEquals(1.1, v.intrinsics().fy(), 1e-12);
        assertEquals(0.52, v.intrinsics().cx(), 0);
        assertEquals(0.49, v.intrinsics().cy(), 0);
    }

    @Test
    void centreCropTakesTheMiddleColumns() {
        // 28×14 image, left half red, right half blue, to 14×14: scale 1, crop offset 7 → 7 red then 7 blue columns
        BufferedImage image = new BufferedImage(28, 14, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 14, 14);
        g.setColor(Color.BLUE);
        g.fillRect(14, 0, 14, 14);
        g.dispose();
        ViewPreprocessor.PreparedView v = ViewPreprocessor.prepare(image, null, 14, 14);
        assertEquals(1f, v.rgb()[3 * 14], 0); // red channel, row 3, column 0
        assertEquals(0f, v.rgb()[3 * 14 + 13], 0);
        assertEquals(1f, v.rgb()[2 * 196 + 3 * 14 + 13], 0); // blue channel, column 13
    }

    @Test
    void downsamplingAveragesAndKeepsFlatAreasFlat() {
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                image.setRGB(x, y, (x % 2 == 0) ? 0xC8C8C8 : 0x646464); // stripes 200 / 100
            }
        }
        int[][] out = ViewPreprocessor.resize(image, 28, 28);
        // a 2:1 Lanczos over alternating stripes gives their mean (150) away from the borders
        assertEquals(150, out[0][14 * 28 + 14], 1);
        assertEquals(0, ViewPreprocessor.lanczos(3.0), 0);
        assertEquals(1, ViewPreprocessor.lanczos(0.0), 0);
    }

    @Test
    void refusesUpsamplingAndNonPatchSizes() {
        BufferedImage small = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> ViewPreprocessor.prepare(small, null, 224, 224));
        assertThrows(IllegalArgumentException.class, () -> ViewPreprocessor.prepare(small, null, 50, 50));
    }
}
