package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedInstancesTest {
    private static final int F = InstanceCandidates.FEATURES.size();

    /** A verifier whose probability is σ(10 (x₀ − 0.5)): the first feature alone decides. */
    private static VerifiedInstances firstFeatureDecides(double threshold, double suppression) {
        return firstFeatureDecides(threshold, suppression, F);
    }

    private static VerifiedInstances firstFeatureDecides(double threshold, double suppression, int features) {
        return new VerifiedInstances(network(features), threshold, suppression, "test 1", "hand-made");
    }

    private static VerifierNetwork network(int features) {
        double[] mean = new double[features];
        double[] scale = new double[features];
        Arrays.fill(scale, 1);
        double[] unit = new double[features + 1];
        unit[0] = 1;
        return new VerifierNetwork(mean, scale, new double[][] {unit}, new double[] {10, -5});
    }

    @Test
    void aVerifierOfTheDetectorsFeaturesTooSaysSoAndKeepsThemInItsFile(@TempDir Path dir) throws Exception {
        int withDetector = F + DetectorFeatures.FEATURES.size();
        VerifiedInstances v = firstFeatureDecides(0.4, 0.7, withDetector);
        assertTrue(v.usesDetector());
        assertFalse(firstFeatureDecides(0.4, 0.7).usesDetector());
        Path file = dir.resolve("v.json");
        v.write(file);
        assertTrue(Files.readString(file).contains("\"classScoreOverExemplars\""));
        assertTrue(VerifiedInstances.read(file).usesDetector());
        assertThrows(IllegalArgumentException.class, () -> firstFeatureDecides(0.4, 0.7, F + 3));
    }

    @Test
    void aCounterRefusesAVerifierWithoutTheDetectorItNeedsAndTheOtherWayRound() {
        VerifiedInstances plain = firstFeatureDecides(0.4, 0.7);
        VerifiedInstances withDetector = firstFeatureDecides(0.4, 0.7, F + DetectorFeatures.FEATURES.size());
        CountingDino.checkDetector(plain, false);
        CountingDino.checkDetector(withDetector, true);
        CountingDino.checkDetector(null, true);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CountingDino.checkDetector(withDetector, false));
        assertTrue(missing.getMessage().contains("give the detector"), missing.getMessage());
        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> CountingDino.checkDetector(plain, true));
        assertTrue(unused.getMessage().contains("trained without the detector"), unused.getMessage());
    }

    private static InstanceCandidates.Candidate candidate(double x, double y, double first) {
        double[] f = new double[F];
        f[0] = first;
        return new InstanceCandidates.Candidate(x, y, first, 20, f);
    }

    @Test
    void keepsAcceptedCandidatesMostProbableFirstOncePerExemplarSizedNeighbourhood() {
        List<InstanceCandidates.Candidate> candidates = List.of(candidate(10, 10, 0.9), candidate(20, 10, 1.0),
                candidate(60, 10, 0.7), candidate(100, 10, 0.3));
        // every candidate is 20 px across: radius 0.8 × 20 = 16 px, so (10, 10) and (20, 10) are one object; 0.3 is
        // below the threshold
        List<Point> kept = firstFeatureDecides(0.5, 0.8).instances(candidates);
        assertEquals(List.of(20.0, 60.0), kept.stream().map(Point::x).toList());
        assertTrue(kept.get(0).value() > kept.get(1).value());
        assertEquals(3, firstFeatureDecides(0.5, 0.4).instances(candidates).size());
        assertEquals(4, firstFeatureDecides(0.1, 0.4).instances(candidates).size());
        // a small candidate 30 px from a large one is another object: the smaller size decides
        List<InstanceCandidates.Candidate> sizes = List.of(
                new InstanceCandidates.Candidate(0, 0, 1.0, 100, candidate(0, 0, 1.0).features()),
                new InstanceCandidates.Candidate(30, 0, 0.9, 20, candidate(30, 0, 0.9).features()));
        assertEquals(2, firstFeatureDecides(0.5, 0.8).instances(sizes).size());
    }

    @Test
    void roundTripsThroughItsFileAndRefusesAnotherFeatureSet(@TempDir Path dir) throws Exception {
        VerifiedInstances v = firstFeatureDecides(0.4, 0.7);
        Path file = dir.resolve("v.json");
        v.write(file);
        VerifiedInstances back = VerifiedInstances.read(file);
        InstanceCandidates.Candidate c = candidate(0, 0, 0.55);
        assertEquals(v.probabilities(List.of(c))[0], back.probabilities(List.of(c))[0], 1e-12);
        assertEquals(0.4, back.threshold());
        assertEquals("test 1", back.backbone());
        Files.writeString(file, Files.readString(file).replace("\"cosine\"", "\"something else\""));
        assertThrows(IllegalArgumentException.class, () -> VerifiedInstances.read(file));
    }

    @Test
    void aSuppliedFileReplacesTheBuiltInVerifierAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v.json");
        firstFeatureDecides(0.4, 0.7).write(file);
        assertEquals(0.4, VerifiedInstances.readOrBuiltIn(file).threshold());
        assertEquals(VerifiedInstances.builtIn().threshold(), VerifiedInstances.readOrBuiltIn(null).threshold());
        Path missing = dir.resolve("missing.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerifiedInstances.readOrBuiltIn(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void theBuiltInVerifierIsForTheBuiltInBackbone() {
        VerifiedInstances builtIn = VerifiedInstances.builtIn();
        try (FilterBankBackbone filterBank = new FilterBankBackbone()) {
            assertTrue(builtIn.fits(filterBank), builtIn.backbone());
        }
        assertTrue(builtIn.provenance().contains("vision count train-verifier"), builtIn.provenance());
    }
}
