package dev.visionstream.models.counting.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.BackgroundPhoto;
import dev.visionstream.models.counting.evaluation.Cutout;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingFoldTest {
    private static final Path DATA = Path.of("../target/counting-eval");

    @Test
    void splitsTheTrainingClassesByGroupIntoTwoDisjointHalves() {
        assumeTrue(Files.isRegularFile(DATA.resolve("x").resolve(CutoutLibrary.PACKAGE).resolve(".fetched")),
                "counting evaluation data not fetched: run scripts/fetch-counting-eval-data.sh");
        List<Cutout> targets = CutoutLibrary.load(DATA).of(DatasetSplit.TRAIN).stream().filter(Cutout::targetLike)
                .toList();
        List<Cutout> fit = TrainingFold.FIT.of(targets);
        List<Cutout> check = TrainingFold.CHECK.of(targets);
        assertEquals(targets.size(), fit.size() + check.size());
        assertFalse(fit.isEmpty());
        assertFalse(check.isEmpty());
        Set<String> fitGroups = new HashSet<>(fit.stream().map(Cutout::group).toList());
        assertFalse(check.stream().anyMatch(c -> fitGroups.contains(c.group())), "a group on both sides");
    }

    @Test
    void splitsTheTrainingPhotographsIntoTwoDisjointLibraries() {
        Path fetched = DATA.resolve("x").resolve(BackgroundLibrary.PACKAGES.get(0)).resolve(".fetched");
        assumeTrue(Files.isRegularFile(fetched),
                "counting evaluation data not fetched: run scripts/fetch-counting-eval-data.sh");
        BackgroundLibrary all = BackgroundLibrary.load(DATA);
        List<BackgroundPhoto> fit = TrainingFold.FIT.of(all).of(DatasetSplit.TRAIN);
        List<BackgroundPhoto> check = TrainingFold.CHECK.of(all).of(DatasetSplit.TRAIN);
        assertEquals(all.of(DatasetSplit.TRAIN).size(), fit.size() + check.size());
        assertFalse(fit.isEmpty());
        assertFalse(check.isEmpty());
        assertTrue(fit.stream().allMatch(p -> TrainingFold.of(p) == TrainingFold.FIT));
        assertFalse(check.stream().anyMatch(fit::contains), "a photograph on both sides");
    }
}
