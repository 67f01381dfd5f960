package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedBackboneTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInCnnCountsTheSampleCoinsAndBadWeightsFailClearly() throws Exception {
        try (CountingDino counter = new CountingDino(Backbones.open(Backbones.LEARNED))) {
            CountResult r = counter.count(CountingSamples.read(CountingSamples.COINS), CountingSamples.COIN_EXEMPLARS);
            assertEquals(LearnedBackbone.NAME, r.backbone().name());
            assertTrue(r.instanceCount() > 0 && r.densityCount() > 0, "counted " + r.count());
        }
        Path bad = dir.resolve("bad.npz");
        Files.write(bad, new byte[] {1, 2, 3});
        BackboneContractException e = assertThrows(BackboneContractException.class,
                () -> Backbones.open(bad.toString()));
        assertTrue(e.getMessage().contains("counting CNN weights"), e.getMessage());
    }
}
