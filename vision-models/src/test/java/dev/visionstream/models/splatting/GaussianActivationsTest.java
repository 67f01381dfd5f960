package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianActivationsTest {
    @Test
    void handComputedPixel() {
        float[] points = {0.5f, -0.25f, (float) Math.log(2)};
        float[] raw = {0, 0, (float) Math.log(Math.E - 1), 1e6f, 0, 0, 0, 2, 0.1f, -0.2f, 0.3f};
        LocalGaussians g = GaussianActivations.activate(points, raw, 1, 1);
        assertArrayEquals(new float[] {1, -0.5f, 2}, g.means(), 1e-6f);
        assertEquals(0.5f, g.opacities()[0], 1e-7f);
        // softplus(0) = ln 2; softplus(ln(e−1)) = 1; a huge raw value hits the 0.3 cap
        assertArrayEquals(new float[] {0.001f * (float) Math.log(2), 0.001f, 0.3f}, g.scales(), 1e-9f);
        assertArrayEquals(new float[] {0, 0, 0, 1}, g.rotationsXyzw(), 1e-7f);
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, g.shDc(), 0f);
    }

    @Test
    void pixelOrderAndQuaternionNormalisation() {
        float[] points = {0, 0, 0, 1, 1, 0};
        float[] raw = new float[22];
        raw[11 + 4] = 3;
        raw[11 + 7] = 4;
        raw[11] = (float) Math.log(3); // sigmoid(ln 3) = 0.75
        LocalGaussians g = GaussianActivations.activate(points, raw, 1, 2);
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1}, g.means(), 1e-6f);
        assertEquals(0.75f, g.opacities()[1], 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0, 0, 0.8f}, Arrays.copyOfRange(g.rotationsXyzw(), 4, 8), 1e-6f);
    }

    @Test
    void wrongShapesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GaussianActivations.activate(new float[3], new float[10], 1, 1));
    }

    @Test
    void softplusMatchesTheLog1pDefinitionAcrossItsRegimes() {
        for (double x = -60; x <= 20; x += 0.37) {
            double expected = Math.log1p(Math.exp(x));
            assertEquals(expected, GaussianActivations.softplus(x), 1e-12 * expected, "x = " + x);
        }
        assertEquals(25.0, GaussianActivations.softplus(25.0));
        assertEquals(Math.log(2), GaussianActivations.softplus(0), 1e-15);
    }
}
