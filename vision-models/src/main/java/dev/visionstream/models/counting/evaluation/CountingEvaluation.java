package dev.visionstream.models.counting.evaluation;

import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.Counter;
import dev.visionstream.models.counting.CountingInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Counts every image of a manifest with a counter and scores it against the manifest's truth. */
public final class CountingEvaluation {
    private CountingEvaluation() {
    }

    /**
     * The count of one manifest image: the counter's call with the image's exemplar boxes, the same call that
     * {@code vision count} and the counting stage make.
     */
    public static CountResult count(Counter counter, BufferedImage image, ManifestImage entry,
                                    CountEstimator estimator) {
        return counter.count(image, entry.exemplarBoxes(), estimator);
    }

    /**
     * Counts and scores each image of {@code manifest} (read from {@code manifestFile}) in order, telling
     * {@code progress} about each.
     */
    public static EvaluationReport evaluate(Counter counter, CountEstimator estimator, Path manifestFile,
                                            CountingManifest manifest, Consumer<ImageScore> progress) {
        List<ImageScore> scores = new ArrayList<>();
        CountResult last = null;
        for (ManifestImage image : manifest.images()) {
            try {
                last = count(counter, read(manifest.imageFile(manifestFile, image)), image, estimator);
            } catch (CountingInputException e) {
                throw new ManifestException("image " + image.name() + " of " + manifestFile + ": " + e.getMessage(), e);
            }
            ImageScore score = ImageScore.of(image, last);
            scores.add(score);
            progress.accept(score);
        }
        return EvaluationReport.of(manifestFile.toString(), last.backbone(), estimator.label(), scores);
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new ManifestException("cannot decode an image from " + file);
            }
            return img;
        } catch (IOException e) {
            throw new ManifestException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
