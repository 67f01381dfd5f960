package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    @Test
    void encodesAJpegOfTheSameSizeThatDecodesToTheSamePicture() throws IOException {
        BufferedImage picture = TestMedia.picture(120, 90, 5);
        EncodedImage jpeg = new FrameEncoder(0.95f, FrameEncoder.NO_MAX_WIDTH).encode(picture);

        assertEquals(ImageContentTypes.JPEG, jpeg.contentType());
        assertEquals(120, jpeg.width());
        assertEquals(90, jpeg.height());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertEquals(120, decoded.getWidth());
        assertTrue(meanAbsoluteDifference(picture, decoded) < 4, "high quality JPEG stays close to the source");
    }

    @Test
    void lowerQualityGivesFewerBytes() {
        BufferedImage picture = TestMedia.picture(160, 120, 1);
        int high = new FrameEncoder(0.95f, 0).encode(picture).bytes().length;
        int low = new FrameEncoder(0.3f, 0).encode(picture).bytes().length;
        assertTrue(low < high, low + " bytes at q=0.3 vs " + high + " at q=0.95");
    }

    @Test
    void scalesWideFramesDownKeepingTheAspectRatio() throws IOException {
        EncodedImage jpeg = new FrameEncoder(0.8f, 100).encode(TestMedia.picture(400, 300, 0));
        assertEquals(100, jpeg.width());
        assertEquals(75, jpeg.height());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertEquals(100, decoded.getWidth());
        assertEquals(75, decoded.getHeight());
    }

    @Test
    void leavesNarrowFramesAlone() {
        EncodedImage jpeg = new FrameEncoder(0.8f, 100).encode(TestMedia.picture(64, 48, 0));
        assertEquals(64, jpeg.width());
        assertEquals(48, jpeg.height());
    }

    @Test
    void dropsAlphaSoTheJpegHasThreeChannels() throws IOException {
        BufferedImage argb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(200, 30, 30, 255));
        g.fillRect(0, 0, 32, 32);
        g.dispose();

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(new FrameEncoder().encode(argb).bytes()));
        assertEquals(3, decoded.getColorModel().getNumComponents());
        Color centre = new Color(decoded.getRGB(16, 16));
        assertTrue(centre.getRed() > 180 && centre.getGreen() < 60, "colour kept: " + centre);
    }

    @Test
    void oneEncoderEncodesManyFramesIndependently() throws IOException {
        FrameEncoder encoder = new FrameEncoder();
        byte[] first = encoder.encode(TestMedia.picture(64, 48, 0)).bytes();
        byte[] firstCopy = first.clone();
        encoder.encode(TestMedia.picture(64, 48, 9));
        assertArrayEquals(firstCopy, first, "returned bytes are not the reused buffer");
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(first)).getWidth());
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(1.5f, 0));
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(0.8f, -1));
    }

    private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
