package dev.visionstream.models.counting.evaluation;

import dev.visionstream.schemas.ModelInfo;
import java.util.Comparator;
import java.util.List;

/**
 * A manifest's images counted: each image's score, the mean relative error and the worst image.
 *
 * @param manifest the manifest file as given
 * @param model     the backbone that counted
 * @param estimator the estimate each image's count is
 */
public record EvaluationReport(String manifest, ModelInfo model, String estimator, List<ImageScore> images,
                               double meanRelativeError, ImageScore worst) {
    public static EvaluationReport of(String manifest, ModelInfo model, String estimator, List<ImageScore> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images were scored");
        }
        double mean = images.stream().mapToDouble(ImageScore::relativeError).average().orElseThrow();
        ImageScore worst = images.stream().max(Comparator.comparingDouble(ImageScore::relativeError)).orElseThrow();
        return new EvaluationReport(manifest, model, estimator, List.copyOf(images), mean, worst);
    }
}
