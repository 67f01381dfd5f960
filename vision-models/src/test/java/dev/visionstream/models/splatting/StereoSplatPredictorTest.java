package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StereoSplatPredictorTest {
    private static final double[] K = {100, 0, 3.5, 0, 100, 1.5, 0, 0, 1};

    private static BufferedImage flat(int w, int h, Color c) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void holesTakeTheFartherNeighbourOnTheirRow() {
        float nan = Float.NaN;
        DisparityMap map = new DisparityMap(5, 2, new float[] {nan, 4, nan, nan, 2, nan, nan, nan, nan, nan},
                new float[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 0});
        DisparityMap filled = map.holesFilled();
        assertArrayEquals(new float[] {4, 4, 2, 2, 2}, Arrays.copyOf(filled.disparity(), 5), 0);
        assertArrayEquals(new float[] {0, 1, 0, 0, 1}, Arrays.copyOf(filled.confidence(), 5), 0);
        assertTrue(Float.isNaN(filled.disparity()[7])); // a row with nothing known stays unknown
    }

    @Test
    void pixelsBecomeDiscsAtTheTriangulatedDepth() {
        BufferedImage image = flat(8, 4, new Color(255, 0, 128));
        // an already-rectified pair: same K, parallel, partner 0.5 to the right
        RectifiedPair pair = StereoRectifier.rectify(image, new ViewCamera(K, Pose.identity(), null), image,
                new ViewCamera(K, new Pose(Mat3.identity(), new double[] {0.5, 0, 0}), null));
        assertFalse(pair.partnerOnLeft());
        assertEquals(0.5, pair.baseline(), 1e-12);
        float[] d = new float[32];
        float[] c = new float[32];
        Arrays.fill(d, 10);
        Arrays.fill(c, 1);
        d[1] = Float.NaN;
        c[2] = 0;
        LocalGaussians g = DisparityGaussians.build(pair, new DisparityMap(8, 4, d, c));
        // pixel (0, 0): z = f·B/d = 100·0.5/10 = 5; x = (0 − 3.5)·5/100 = −0.175; y = (0 − 1.5)·5/100 = −0.075
        assertArrayEquals(new float[] {-0.175f, -0.075f, 5}, Arrays.copyOf(g.means(), 3), 1e-6f);
        // footprint z/f = 0.05 → σ = 0.6·0.05 across, 0.2 of that along the axis
        assertArrayEquals(new float[] {0.03f, 0.03f, 0.006f}, Arrays.copyOf(g.scales(), 3), 1e-7f);
        assertEquals(0.95f, g.opacities()[0], 1e-6f);
        assertEquals(0f, g.opacities()[1]); // unknown: pruned later
        assertEquals(0.8f, g.opacities()[2], 1e-6f); // a filled hole: low confidence
        assertEquals((1 - 0.5) / GaussianScene.SH_C0, g.shDc()[0], 1e-5); // red 255
        assertEquals((0 - 0.5) / GaussianScene.SH_C0, g.shDc()[1], 1e-5);
        assertArrayEquals(new float[] {0, 0, 0, 1}, Arrays.copyOf(g.rotationsXyzw(), 4), 1e-7f);
    }

    @Test
    void rotatedRigsAreRectifiedByOpenCv() {
        double a = Math.toRadians(5);
        double[] ry = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
        BufferedImage image = flat(64, 48, Color.GRAY);
        double[] k = {60, 0, 32, 0, 60, 24, 0, 0, 1};
        RectifiedPair pair = StereoRectifier.rectify(image, new ViewCamera(k, Pose.identity(), null), image,
                new ViewCamera(k, new Pose(ry, new double[] {-0.3, 0, 0}), null));
        assertTrue(pair.partnerOnLeft());
        assertEquals(0.3, pair.baseline(), 1e-9);
        assertTrue(Mat3.isRotation(pair.rectRotation(), 1e-9));
        assertThrows(IllegalArgumentException.class, () -> StereoRectifier.rectify(image,
                new ViewCamera(k, Pose.identity(), null), image,
                new ViewCamera(k, new Pose(Mat3.identity(), new double[] {0, 0.4, 0}), null)));
    }

    @Test
    void pipelineRefusesBadInputWithAClearReason() {
        SplatPipeline pipeline = new SplatPipeline(new StereoSplatPredictor());
        BufferedImage a = flat(8, 4, Color.GRAY);
        ViewCamera c0 = new ViewCamera(K, Pose.identity(), null);
        ViewCamera c1 = new ViewCamera(K, new Pose(Mat3.identity(), new double[] {1, 0, 0}), null);
        assertMessage("two or more views", () -> pipeline.build(List.of(new SplatView(a, c0)), null));
        assertMessage("differ in size", () -> pipeline.build(List.of(new SplatView(a, c0),
                new SplatView(flat(9, 4, Color.GRAY), c1)), null));
        assertMessage("coincide", () -> pipeline.build(List.of(new SplatView(a, c0), new SplatView(a, c0)), null));
        assertMessage("needs every view", () -> pipeline.build(List.of(new SplatView(a, null),
                new SplatView(a, null)), null));
        assertMessage("positive focal", () -> new ViewCamera(new double[] {0, 0, 1, 0, 5, 1, 0, 0, 1}, null, null));
        assertMessage("does not exist", () -> pipeline.build(List.of(new SplatView(a, c0), new SplatView(a, c1)),
                Set.of(2)));
    }

    private static void assertMessage(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
