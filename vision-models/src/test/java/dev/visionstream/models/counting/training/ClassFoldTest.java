package dev.visionstream.models.counting.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.models.counting.evaluation.Cutout;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassFoldTest {
    private static final Path DATA = Path.of("../target/counting-eval");

    @Test
    void splitsTheTrainingClassesByGroupIntoTwoDisjointHalves() throws IOException {
        assumeTrue(Files.isRegularFile(DATA.resolve("x").resolve(CutoutLibrary.PACKAGE).resolve(".fetched")),
                "counting evaluation data not fetched: run scripts/fetch-counting-eval-data.sh");
        List<Cutout> targets = CutoutLibrary.load(DATA).of(DatasetSplit.TRAIN).stream().filter(Cutout::targetLike)
                .toList();
        List<Cutout> fit = ClassFold.FIT.of(targets);
        List<Cutout> check = ClassFold.CHECK.of(targets);
        assertEquals(targets.size(), fit.size() + check.size());
        assertFalse(fit.isEmpty());
        assertFalse(check.isEmpty());
        Set<String> fitGroups = new HashSet<>(fit.stream().map(Cutout::group).toList());
        assertFalse(check.stream().anyMatch(c -> fitGroups.contains(c.group())), "a group on both sides");
    }
}
