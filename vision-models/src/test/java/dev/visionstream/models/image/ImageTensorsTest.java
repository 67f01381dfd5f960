package dev.visionstream.models.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {
    @Test
    void interleavedBgrBytesGiveTheSamePlanesAsPixelByPixelConversion() {
        Random random = new Random(2);
        BufferedImage bgr = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage rgb = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                int p = random.nextInt(1 << 24);
                bgr.setRGB(x, y, p);
                rgb.setRGB(x, y, p);
            }
        }
        float[] planes = ImageTensors.planarRgb(bgr);
        assertArrayEquals(ImageTensors.planarRgb(rgb), planes);
        // red of the first pixel leads the first plane
        assertArrayEquals(new float[] {(rgb.getRGB(0, 0) >> 16) & 0xff}, new float[] {planes[0]});
        // a sub-image shares its parent's buffer: the direct path must not be taken
        assertArrayEquals(ImageTensors.planarRgb(rgb.getSubimage(1, 1, 4, 3)),
                ImageTensors.planarRgb(bgr.getSubimage(1, 1, 4, 3)));
    }
}
