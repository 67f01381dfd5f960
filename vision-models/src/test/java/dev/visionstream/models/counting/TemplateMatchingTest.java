package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateMatchingTest extends NdTest {
    private static final int G = 40;
    private static final int D = 3;

    /** A random 3-channel 6×6 pattern stamped at the given top-left cells of a weakly noisy grid. */
    private NDArray grid(int[][] corners, long seed) {
        Random rnd = new Random(seed);
        float[] pattern = new float[D * 36];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = rnd.nextFloat();
        }
        float[] f = new float[D * G * G];
        Random noise = new Random(seed + 1);
        for (int i = 0; i < f.length; i++) {
            f[i] = 0.05f * noise.nextFloat();
        }
        for (int[] c : corners) {
            for (int d = 0; d < D; d++) {
                for (int r = 0; r < 6; r++) {
                    for (int k = 0; k < 6; k++) {
                        int rr = c[0] + r;
                        int kk = c[1] + k;
                        if (rr >= 0 && kk >= 0 && rr < G && kk < G) {
                            f[(d * G + rr) * G + kk] = pattern[(d * 6 + r) * 6 + k];
                        }
                    }
                }
            }
        }
        return manager.create(f, new Shape(D, G, G));
    }

    @Test
    void aCopyOfTheExemplarScoresAsHighAsTheExemplarItselfAndTheBackgroundDoesNot() {
        NDArray f = grid(new int[][] {{5, 5}, {25, 20}}, 3);
        TemplateMatching.Maps maps = TemplateMatching.compute(f, List.of(new FeatureBox(5, 5, 11, 11)), D).all();
        // the window centred on cell (r, c) spans r - 3 .. r + 2 for a 6-cell kernel
        float self = maps.best(8, 8);
        float copy = maps.best(28, 23);
        // the prototype is ROI-pooled (a little smoothed), so even the exemplar's own window is not a perfect match
        assertTrue(self > 0.85, "the exemplar matches itself: " + self);
        assertEquals(self, copy, 0.03, "its copy matches as well");
        assertTrue(maps.best(15, 32) < 0.5, "background: " + maps.best(15, 32));
        assertEquals(1f, maps.visible()[0][8 * G + 8], 1e-4f);
    }

    @Test
    void anObjectCutByTheBorderIsComparedOnItsVisiblePart() {
        // a copy whose left half lies outside the grid: its centre column (-3 + 3 = 0) is the border
        NDArray f = grid(new int[][] {{10, 10}, {25, -3}}, 5);
        TemplateMatching.Maps maps = TemplateMatching.compute(f, List.of(new FeatureBox(10, 10, 16, 16)), D).all();
        float cut = maps.best(28, 0);
        assertTrue(cut > 0.8, "the visible half matches: " + cut);
        float share = maps.visible()[0][28 * G];
        assertTrue(share > 0.3 && share < 0.7, "about half the kernel is inside: " + share);
    }

    @Test
    void largeExemplarsAreMatchedOnACoarserGridThatDividesTheFeatureGrid() {
        assertEquals(1, TemplateMatching.poolingFactor(List.of(new FeatureBox(0, 0, 24, 10)), 240));
        assertEquals(2, TemplateMatching.poolingFactor(List.of(new FeatureBox(0, 0, 30, 10)), 240));
        assertEquals(3, TemplateMatching.poolingFactor(List.of(new FeatureBox(0, 0, 10, 60)), 240));
        assertEquals(5, TemplateMatching.poolingFactor(List.of(new FeatureBox(0, 0, 100, 10)), 240));
    }

    @Test
    void aLargeCopyIsStillFoundNearItsCentreOnTheCoarseGrid() {
        // 30-cell objects made of 5-cell blocks on a 120-cell grid: matched on a grid averaged 2 × 2
        int g = 120;
        Random rnd = new Random(9);
        float[] block = new float[D * 36];
        for (int i = 0; i < block.length; i++) {
            block[i] = rnd.nextFloat();
        }
        float[] f = new float[D * g * g];
        for (int[] corner : new int[][] {{10, 10}, {70, 60}}) {
            for (int d = 0; d < D; d++) {
                for (int r = 0; r < 30; r++) {
                    for (int c = 0; c < 30; c++) {
                        f[(d * g + corner[0] + r) * g + corner[1] + c] = block[(d * 6 + r / 5) * 6 + c / 5];
                    }
                }
            }
        }
        TemplateMatching.Maps maps = TemplateMatching.compute(manager.create(f, new Shape(D, g, g)),
                List.of(new FeatureBox(10, 10, 40, 40)), D).all();
        assertEquals(g, maps.grid());
        int best = 0;
        for (int i = 0; i < g * g; i++) {
            // the strongest cell away from the exemplar itself
            if (i / g > 50 && maps.cosine()[0][i] > maps.cosine()[0][best]) {
                best = i;
            }
        }
        assertTrue(Math.abs(best / g - 85) <= 2 && Math.abs(best % g - 75) <= 2,
                "the copy centred on (85, 75) peaks at (" + best / g + ", " + best % g + ")");
        assertTrue(maps.cosine()[0][best] > 0.8, "cosine " + maps.cosine()[0][best]);
    }
}
