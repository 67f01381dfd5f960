package dev.visionstream.models.counting;

/**
 * Where the time of one count went, in milliseconds. For a batched call each frame gets its share of the batched
 * backbone pass.
 *
 * @param backboneMs       tiling, resizing and the feature extractor, plus stitching
 * @param similarityMs     exemplar prototypes, correlations, resizing to a common size, mean and min-max scaling
 * @param postProcessingMs exemplar-mass normalisation, threshold, sum and peak finding
 */
public record CountTimings(double backboneMs, double similarityMs, double postProcessingMs) {
    public double totalMs() {
        return backboneMs + similarityMs + postProcessingMs;
    }
}
