package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianRasterizerTest {
    /** f_dc giving colour 1.0 after C0·f_dc + 0.5. */
    private static final float WHITE = (float) (0.5 / GaussianScene.SH_C0);

    private static void put(GaussianScene s, int i, double x, double y, double z, double sigma, double alpha,
                            float r, float g, float b) {
        s.means()[3 * i] = (float) x;
        s.means()[3 * i + 1] = (float) y;
        s.means()[3 * i + 2] = (float) z;
        for (int k = 0; k < 3; k++) {
            s.scales()[3 * i + k] = (float) sigma;
        }
        s.rotationsWxyz()[4 * i] = 1;
        s.opacities()[i] = (float) alpha;
        s.shDc()[3 * i] = r;
        s.shDc()[3 * i + 1] = g;
        s.shDc()[3 * i + 2] = b;
    }

    private static RenderCamera identityCamera(int size) {
        return new RenderCamera(Mat3.identity(), new double[3], 100, 100, (size - 1) / 2.0, (size - 1) / 2.0,
                size, size, 1);
    }

    @Test
    void singleGaussianFootprintFollowsTheDilatedCovariance() {
        GaussianScene s = GaussianScene.allocate(1);
        // σ = 0.02 at z = 2 with f = 100 → 1 px; plus the 0.3 dilation → variance 1.3 px²
        put(s, 0, 0, 0, 2, 0.02, 0.5, WHITE, WHITE, WHITE);
        Rendering r = new GaussianRasterizer().render(s, identityCamera(33));
        assertEquals(0.5, r.value(16, 16, 0), 1e-5);
        assertEquals(0.5 * Math.exp(-0.5 * 4 / 1.3), r.value(18, 16, 1), 1e-5);
        assertEquals(0.5 * Math.exp(-0.5 * 2 / 1.3), r.value(17, 15, 2), 1e-5);
        assertEquals(0.5, r.alpha()[16 * 33 + 16], 1e-5);
        // α = 0.5·e^(−36/2.6) < 1/255: skipped entirely
        assertEquals(0, r.value(22, 16, 0), 0);
        // colour is C0·f_dc + 0.5 clamped at 0: f_dc = −10 gives black, not negative
        put(s, 0, 0, 0, 2, 0.02, 0.5, -10, WHITE, WHITE);
        assertEquals(0, new GaussianRasterizer().render(s, identityCamera(33)).value(16, 16, 0), 0);
    }

    @Test
    void opacityIsCappedAt099() {
        GaussianScene s = GaussianScene.allocate(1);
        put(s, 0, 0, 0, 2, 0.5, 1.0, WHITE, WHITE, WHITE);
        Rendering r = new GaussianRasterizer().render(s, identityCamera(17));
        assertEquals(0.99, r.value(8, 8, 0), 1e-6);
        float[] grey = {0.5f, 0.5f, 0.5f};
        assertEquals(0.99 + 0.01 * 0.5, new GaussianRasterizer().render(s, identityCamera(17), grey).value(8, 8, 0),
                1e-6);
    }

    @Test
    void compositesFrontToBackWhateverTheSceneOrder() {
        GaussianScene s = GaussianScene.allocate(2);
        // far blue listed first, near red second; both wide so α ≈ opacity at the centre
        put(s, 0, 0, 0, 4, 1.0, 0.5, -WHITE, -WHITE, WHITE);
        put(s, 1, 0, 0, 2, 1.0, 0.5, WHITE, -WHITE, -WHITE);
        Rendering r = new GaussianRasterizer().render(s, identityCamera(17));
        assertEquals(0.5, r.value(8, 8, 0), 1e-4); // red: α·T = 0.5·1
        assertEquals(0.25, r.value(8, 8, 2), 1e-4); // blue behind: 0.5·(1 − 0.5)
        assertEquals(0.75, r.alpha()[8 * 17 + 8], 1e-4);
        // early stop: after 0.98 then 0.99, T = 2e-4; the third (0.99) would leave 2e-6 < 1e-4, so it is not blended
        GaussianScene wall = GaussianScene.allocate(3);
        put(wall, 0, 0, 0, 2, 1.0, 0.98, WHITE, -WHITE, -WHITE);
        put(wall, 1, 0, 0, 3, 1.0, 1.0, WHITE, -WHITE, -WHITE);
        put(wall, 2, 0, 0, 4, 1.0, 1.0, -WHITE, -WHITE, WHITE);
        Rendering w = new GaussianRasterizer().render(wall, identityCamera(17));
        assertEquals(0, w.value(8, 8, 2), 0);
        assertEquals(0.98 + 0.99 * 0.02, w.value(8, 8, 0), 1e-5);
        assertEquals(1 - 2e-4, w.alpha()[8 * 17 + 8], 1e-5);
    }

    @Test
    void projectsWithAKnownCamera() {
        // camera at (1, 0, 0) looking along +z, turned 90° about its optical axis (its +x is world +y)
        double[] rz = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        Pose camToWorld = new Pose(rz, new double[] {1, 0, 0});
        RenderCamera cam = RenderCamera.of(camToWorld, new double[] {200, 0, 40, 0, 150, 30, 0, 0, 1}, 80, 60, 1);
        GaussianScene s = GaussianScene.allocate(2);
        // world (1.5, 0.25, 5) → camera (0.25, −0.5, 5) → u = 200·0.05 + 40 = 50, v = 150·(−0.1) + 30 = 15
        put(s, 0, 1.5, 0.25, 5, 0.01, 0.9, WHITE, WHITE, WHITE);
        // 0.19 in front of the camera: inside the near-plane cull (0.2·near)
        put(s, 1, 1, 0, 0.19, 0.01, 0.9, WHITE, WHITE, WHITE);
        GaussianRasterizer.Projected p = new GaussianRasterizer.Projected(2);
        GaussianRasterizer.project(s, cam, 0, 5, 4, p);
        GaussianRasterizer.project(s, cam, 1, 5, 4, p);
        assertTrue(p.visible[0]);
        assertEquals(50, p.u[0], 1e-4);
        assertEquals(15, p.v[0], 1e-4);
        assertEquals(5, p.depth[0], 1e-6);
        assertFalse(p.visible[1]);
        Rendering r = new GaussianRasterizer().render(s, cam);
        assertEquals(0.9, r.value(50, 15, 0), 1e-3);
        // the centred camera YoNoSplat uses puts the principal point at ((W−1)/2, (H−1)/2)
        RenderCamera centred = RenderCamera.centred(Pose.identity(), new NormalizedIntrinsics(1, 1, 0.3, 0.3),
                80, 60, 1);
        assertEquals(39.5, centred.cx(), 0);
        assertEquals(80, centred.fx(), 0);
    }
}
