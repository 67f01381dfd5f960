package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verified estimate inside the counter: the default count, and a clear fallback where it does not apply. */
class VerifiedCountTest {
    private static final SyntheticScene SCENE = SyntheticScene.generate(42, 320, 240, 8);

    @Test
    void theDefaultCountIsTheVerifiedOneAndEveryEstimateIsReported() {
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            CountResult r = counter.count(SCENE.image(), SCENE.exemplars());
            assertEquals(CountEstimator.VERIFIED, r.estimator());
            assertNotNull(r.verified());
            assertEquals(r.verified().size(), r.count());
            assertEquals(r.verified(), r.countedInstances());
            assertTrue(r.densityCount() > 0 && r.instanceCount() > 0);
            CountResult byDensity = counter.count(SCENE.image(), SCENE.exemplars(), CountEstimator.DENSITY);
            assertEquals(r.verified(), byDensity.verified(), "the estimator only picks which estimate is the count");
        }
    }

    @Test
    void aVerifierTrainedOnAnotherBackboneIsNotAppliedAndTheCountSaysSo() {
        VerifiedInstances builtIn = VerifiedInstances.builtIn();
        VerifiedInstances other = new VerifiedInstances(builtIn.network(), builtIn.threshold(), builtIn.suppression(),
                "another-backbone 1", builtIn.provenance());
        try (CountingDino counter = new CountingDino(new FilterBankBackbone(), new TileGrid(2),
                InstanceEstimate.DEFAULT, other)) {
            CountResult r = counter.count(SCENE.image(), SCENE.exemplars(), CountEstimator.VERIFIED);
            assertEquals(CountEstimator.INSTANCES, r.estimator());
            assertEquals(r.instanceCount(), r.count());
            assertNull(r.verified());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("another-backbone 1")), r.warnings().toString());
        }
    }
}
