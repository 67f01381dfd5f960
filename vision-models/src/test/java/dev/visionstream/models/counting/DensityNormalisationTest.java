package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class DensityNormalisationTest extends NdTest {
    @Test
    void boxCoordinatesAreScaledTwiceInFloat32AndTruncated() {
        // 100 * (231/240) = 96.25; 96.25 * (236/231) = 98.33 -> 98
        assertEquals(98, DensityNormalisation.scaledCoordinate(100, 240, 231, 236));
        // 239 * (236/240) = 235.016..; * (236/236) -> 235
        assertEquals(235, DensityNormalisation.scaledCoordinate(239, 240, 236, 236));
        // a 3x3 kernel on an 8-cell grid gives a 6x6 map: every coordinate times 6/8 = 0.75, truncated
        assertEquals(new FeatureBox(0, 3, 2, 5),
                DensityNormalisation.scaledBox(new FeatureBox(0, 4, 3, 7), 8, 6, 6));
    }

    @Test
    void exemplarMassIsTheMeanEllipseWeightedRoiMass() {
        // 3x3 map, a 2x2 box at the origin: ROI cells 3,4,6,7 (see RoiAlign2x2Test), E(2,2) = 0.79 everywhere
        NDArray s = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(3, 3));
        float one = DensityNormalisation.exemplarMass(s, List.of(new FeatureBox(0, 0, 2, 2)));
        assertEquals(0.79f * 20, one, 1e-4f);
        // a second exemplar of one cell at (2,2): ROI = 9, E(1,1) = 0.8; a third that truncated to nothing adds 0
        float three = DensityNormalisation.exemplarMass(s, List.of(new FeatureBox(0, 0, 2, 2),
                new FeatureBox(2, 2, 3, 3), new FeatureBox(1, 1, 1, 2)));
        assertEquals((0.79f * 20 + 0.8f * 9) / 3, three, 1e-4f);
    }

    @Test
    void thresholdIsOneOverTheLargestKernelArea() {
        assertEquals(1f / 12, DensityNormalisation.threshold(List.of(new FeatureBox(0, 0, 4, 3),
                new FeatureBox(5, 5, 7, 7))), 1e-9f);
    }

    @Test
    void densityDividesByZAndZeroesBelowTau() {
        NDArray s = manager.create(new float[] {0.1f, 0.2f, 0.5f, 1f}, new Shape(2, 2));
        // S / 2 = 0.05, 0.1, 0.25, 0.5; tau 0.1 keeps 0.1 (not below) and above
        assertArrayEquals(new float[] {0f, 0.1f, 0.25f, 0.5f},
                DensityNormalisation.density(s, 2f, 0.1f).toFloatArray(), 1e-7f);
    }
}
