package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue quality check on the Middlebury "Aloe" pair (half size, 641×555): depth from the pair, only the left view's
 * Gaussians kept, rendered at the right camera and compared with the real right image on the pixels the
 * ground truth says the left view sees.
 */
class AloeNovelViewTest {
    private static BufferedImage left;
    private static BufferedImage right;
    private static DisparityMap groundTruth;
    private static List<SplatView> views;
    private static boolean[] valid;

    @BeforeAll
    static void load() throws Exception {
        left = StereoAssets.half(StereoAssets.read("aloeL.jpg"));
        right = StereoAssets.half(StereoAssets.read("aloeR.jpg"));
        groundTruth = StereoAssets.halfGroundTruth(StereoAssets.read("aloeGT.png"));
        int w = left.getWidth();
        int h = left.getHeight();
        // a rectified pair: any focal and baseline give the same pixels; principal point at the centre
        double[] k = {w, 0, (w - 1) / 2.0, 0, w, (h - 1) / 2.0, 0, 0, 1};
        views = List.of(new SplatView(left, new ViewCamera(k, Pose.identity(), null)),
                new SplatView(right, new ViewCamera(k, new Pose(Mat3.identity(), new double[] {0.16, 0, 0}), null)));
        // right pixels that a known left pixel maps onto (x − d): visible in both views per the ground truth
        valid = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float d = groundTruth.disparity()[y * w + x];
                int xr = Math.round(x - (Float.isNaN(d) ? -1 : d));
                if (!Float.isNaN(d) && xr >= 0 && xr < w) {
                    valid[y * w + xr] = true;
                }
            }
        }
    }

    private static double renderRightPsnr(SplatPredictor predictor) {
        SplatResult result = new SplatPipeline(predictor).build(views, Set.of(0));
        assertEquals(List.of(0), result.keptViews());
        assertEquals(left.getWidth() * left.getHeight(), result.gaussiansBeforePruning());
        Rendering rendering = new GaussianRasterizer().render(result.scene(), result.viewCamera(1));
        return RenderQuality.psnr(rendering.toImage(), right, valid);
    }

    @Test
    void stereoSceneBeatsIdentityAndComesCloseToGroundTruthDepth() {
        double identity = RenderQuality.psnr(left, right, valid);
        double stereo = renderRightPsnr(new StereoSplatPredictor());
        DisparityEstimator sgbm = new SgbmDisparityEstimator(0);
        double truth = renderRightPsnr(new StereoSplatPredictor(
                (pair, view) -> view == 0 ? groundTruth : sgbm.estimate(pair, view),
                new ModelInfo("ground-truth-disparity", "1", "test")));
        System.out.printf("aloe right view PSNR: identity %.2f dB, stereo %.2f dB, GT disparity %.2f dB%n",
                identity, stereo, truth);
        assertTrue(stereo >= identity + 3, "stereo " + stereo + " vs identity " + identity);
        assertTrue(stereo >= truth - 2, "stereo " + stereo + " vs ground truth " + truth);
    }
}
