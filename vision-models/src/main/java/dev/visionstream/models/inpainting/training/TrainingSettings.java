package dev.visionstream.models.inpainting.training;

/**
 * How the built-in RN default is trained.
 *
 * @param width       generator base width (64 published)
 * @param patch       square training patch size in pixels (multiple of 4)
 * @param batch       patches per step
 * @param steps       optimiser steps
 * @param learningRate Adam learning rate (constant, then halved for the last quarter of the steps)
 * @param holeWeight  weight of the L1 loss on hole pixels; valid pixels weigh 1
 * @param minHole     smallest generated hole fraction
 * @param maxHole     largest generated hole fraction
 * @param seed        seeds weights, patches and masks
 */
public record TrainingSettings(int width, int patch, int batch, int steps, float learningRate, float holeWeight,
                               double minHole, double maxHole, long seed) {
    public TrainingSettings {
        if (patch % 4 != 0 || patch < 16) {
            throw new IllegalArgumentException("patch must be a multiple of 4, at least 16");
        }
        if (width < 1 || batch < 1 || steps < 1) {
            throw new IllegalArgumentException("width, batch and steps must be positive");
        }
    }
}
