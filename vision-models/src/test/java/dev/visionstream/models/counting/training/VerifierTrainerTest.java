package dev.visionstream.models.counting.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.InstanceEstimate;
import dev.visionstream.models.counting.TileGrid;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTrainerTest {
    private static final Path DATA = Path.of("..", "target", "counting-eval");

    @Test
    void trainsAVerifierForTheBackboneItRanOnAndSaysHowItWasMade() {
        assumeTrue(Files.isRegularFile(DATA.resolve("x").resolve(CutoutLibrary.PACKAGE).resolve(".fetched")),
                "counting evaluation data not fetched into " + DATA.toAbsolutePath().normalize()
                        + ": run scripts/fetch-counting-eval-data.sh");
        List<String> log = new ArrayList<>();
        try (FilterBankBackbone backbone = new FilterBankBackbone();
             CountingDino counter = new CountingDino(backbone, new TileGrid(2), InstanceEstimate.DEFAULT, null)) {
            VerifierTrainer.Settings settings = new VerifierTrainer.Settings(6, 3, 8, 2, 1e-4, 10, 40, 3, true);
            VerifierTrainer.Result r = VerifierTrainer.train(settings,
                    counter, CutoutLibrary.load(DATA), BackgroundLibrary.load(DATA), "test command", log::add);
            assertTrue(r.verifier().fits(backbone), r.verifier().backbone());
            assertTrue(r.positives() > 0 && r.positives() < r.candidates(), r.positives() + " of " + r.candidates());
            assertTrue(r.verifier().provenance().startsWith("test command: 6 training-class composites"),
                    r.verifier().provenance());
            assertTrue(r.validationError() >= 0 && r.worstError() >= r.validationError());
            String unseen = "training classes and photographs that the network choosing it never saw";
            assertTrue(r.verifier().provenance().contains(unseen), r.verifier().provenance());
            assertEquals(9, log.stream().filter(l -> l.startsWith("threshold ")).count(), String.join("\n", log));
        }
    }

    @Test
    void refusesSettingsThatCannotTrain() {
        assertThrows(IllegalArgumentException.class,
                () -> new VerifierTrainer.Settings(0, 3, 8, 2, 0, 10, 40, 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> new VerifierTrainer.Settings(4, 3, 8, 2, 0, 50, 40, 1, false));
    }
}
