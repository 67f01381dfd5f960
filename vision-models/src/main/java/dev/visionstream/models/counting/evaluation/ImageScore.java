package dev.visionstream.models.counting.evaluation;

import dev.visionstream.models.counting.CountResult;

/**
 * One image's count against its truth, with both estimates beside the one chosen as the count.
 *
 * @param count         the chosen estimator's count
 * @param relativeError |count - truth| / truth
 */
public record ImageScore(String name, String kind, double count, int truth, double relativeError,
                         double densityCount, int instanceCount, Integer verifiedCount) {
    public static ImageScore of(ManifestImage image, CountResult result) {
        return new ImageScore(image.name(), image.kind(), result.count(), image.count(),
                Math.abs(result.count() - image.count()) / image.count(), result.densityCount(),
                result.instanceCount(), result.verifiedCount());
    }
}
