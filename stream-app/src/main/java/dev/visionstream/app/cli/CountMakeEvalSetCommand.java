package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.CompositeSet;
import dev.visionstream.models.counting.evaluation.CountingManifest;
import dev.visionstream.models.counting.evaluation.CutoutLibrary;
import dev.visionstream.models.counting.evaluation.DatasetSplit;
import dev.visionstream.models.counting.evaluation.SceneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision count make-eval-set}: composite counting scenes with exact counts, and their manifest. */
@Command(name = "make-eval-set", mixinStandardHelpOptions = true,
        description = {"Writes composite counting scenes (640x480 PNG) and their manifest: copies of one "
                + "tuxpaint-stamps-default cut-out class on a crop of a wallpaper photograph, among distractor "
                + "cut-outs of other classes; scale +-25 %%, rotation, hue and brightness jitter; grids, scatters "
                + "and touching clusters, some scenes multicoloured, some on the busiest crops; exact counts, three "
                + "fully visible exemplars per scene. Classes and photographs are split by a fixed rule: eval "
                + "scenes use only held-out ones, train scenes never do. The same options give the same pictures.",
                "Data: scripts/fetch-counting-eval-data.sh.",
                "Exit codes: 0 written, 2 bad options or data not fetched."})
final class CountMakeEvalSetCommand implements Callable<Integer> {
    @Option(names = "--split", defaultValue = "eval", paramLabel = "eval|train",
            description = "eval (held-out classes and photographs) or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--scenes", defaultValue = "12", description = "Number of scenes (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--min-count", defaultValue = "10", description = "Count of the first scene (default: "
            + "${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-count", defaultValue = "300", description = "Count of the last scene; the counts between "
            + "are spread evenly in log scale (default: ${DEFAULT-VALUE}).")
    int maxCount;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Where scripts/fetch-counting-eval-data.sh fetched to "
            + "(default: target/counting-eval).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: <data>/scenes-<split>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Path dataDir = data != null ? data : SampleMedia.projectRoot().resolve("target/counting-eval");
        DatasetSplit chosen = parseSplit(split);
        List<SceneSpec> specs = SceneSpec.plan(scenes, minCount, maxCount, seed);
        Path outDir = out != null ? out : dataDir.resolve("scenes-" + chosen.label());
        String command = String.format(Locale.ROOT, "vision count make-eval-set --split %s --scenes %d --min-count %d "
                + "--max-count %d --seed %d", chosen.label(), scenes, minCount, maxCount, seed);
        long start = System.nanoTime();
        CountingManifest manifest = CompositeSet.make(CutoutLibrary.load(dataDir), BackgroundLibrary.load(dataDir),
                chosen, specs, seed, outDir, command, System.out::println);
        System.out.printf(Locale.ROOT, "%d scenes and %s written to %s in %.1f s%n", manifest.images().size(),
                CompositeSet.MANIFEST, outDir, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static DatasetSplit parseSplit(String value) {
        try {
            return DatasetSplit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--split " + value, "must be eval or train", e);
        }
    }
}
