package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visionstream.schemas.ModelInfo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DensityOverlayTest {
    /** A 400x300 orange frame and a 4x4 density (one cell per 100x75 px) holding mass in cell (2, 2) only. */
    private static final BufferedImage FRAME = frame();
    private static final CountResult RESULT = result();

    private static BufferedImage frame() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 0));
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        return image;
    }

    private static CountResult result() {
        float[] density = new float[16];
        density[2 * 4 + 2] = 0.5f;
        DensityMap map = new DensityMap(density, 4, 4, 400, 300, 4, 1, 0, 1, 0);
        return new CountResult(0.5, CountEstimator.DENSITY, 0.5, List.of(), null, List.of(), List.of(),
                new ModelInfo("test", "1", "test"), List.of(),
                new CountTimings(0, 0, 0), map);
    }

    @Test
    void dimsTheFrameToGreyWhereThereIsNoDensity() {
        // grey = mean of (200, 100, 0) * 0.6 = 60
        assertEquals(new Color(60, 60, 60).getRGB(), DensityOverlay.render(FRAME, RESULT).getRGB(60, 280));
    }

    @Test
    void paintsTheDensityMaximumInFullHeatColour() {
        // pixel (260, 190) lies in cell (2, 2), the maximum: white, fully opaque
        assertEquals(Color.WHITE.getRGB(), DensityOverlay.render(FRAME, RESULT).getRGB(260, 190));
    }

    @Test
    void thePngHoldsExactlyTheRenderedPixels() throws Exception {
        BufferedImage rendered = DensityOverlay.render(FRAME, RESULT);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(DensityOverlay.png(FRAME, RESULT)));
        assertArrayEquals(rendered.getRGB(0, 0, 400, 300, null, 0, 400), decoded.getRGB(0, 0, 400, 300, null, 0, 400));
    }
}
