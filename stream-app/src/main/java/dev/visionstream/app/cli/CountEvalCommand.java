package dev.visionstream.app.cli;

import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.evaluation.CountingEvaluation;
import dev.visionstream.models.counting.evaluation.CountingManifest;
import dev.visionstream.models.counting.evaluation.EvaluationReport;
import dev.visionstream.models.counting.evaluation.ImageScore;
import dev.visionstream.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision count eval}: every image of a counting manifest counted as {@code vision count} counts, and scored. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Counts every image of a counting manifest (docs/counting/real-photos.json, or one written by "
                + "'vision count make-eval-set') with the same settings as 'vision count', and prints per image the "
                + "count, the truth and the relative error |count - truth| / truth (with both estimates), then the "
                + "mean relative error and the worst image.",
                "Exit codes: 0 evaluated, 2 bad input (manifest, missing images, boxes or backbone)."})
final class CountEvalCommand implements Callable<Integer> {
    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "Counting manifest (JSON).")
    Path manifest;

    @Mixin
    CounterOptions counterOptions;

    @Option(names = "--json", description = "Print one JSON object with the same figures and nothing else.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        // the manifest and its images first: a typo should not wait for the model to load
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException("--manifest " + manifest, "no such file");
        }
        // its own errors name the manifest and the images at fault
        CountingManifest loaded = CountingManifest.readWithImages(manifest);
        CountEstimator estimator = counterOptions.estimator();
        Consumer<ImageScore> progress = json ? s -> { } : s -> System.out.printf(Locale.ROOT,
                "%-28s count %7.1f  truth %4d  error %6.1f %%  (verified %s, instances %d, density %.1f)%n",
                s.name(), s.count(), s.truth(), 100 * s.relativeError(),
                s.verifiedCount() == null ? "-" : Integer.toString(s.verifiedCount()), s.instanceCount(),
                s.densityCount());
        EvaluationReport report;
        try (CountingDino counter = counterOptions.open()) {
            report = CountingEvaluation.evaluate(counter, estimator, manifest, loaded, progress);
        }
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            System.out.printf(Locale.ROOT, "mean relative error %.1f %% over %d images (%s %s, %s); worst: %s "
                            + "(%.1f %%: count %.1f, truth %d)%n", 100 * report.meanRelativeError(),
                    report.images().size(), report.model().name(), report.model().version(), report.estimator(),
                    report.worst().name(), 100 * report.worst().relativeError(), report.worst().count(),
                    report.worst().truth());
        }
        return 0;
    }
}
