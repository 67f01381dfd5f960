package dev.visionstream.models.inpainting.training;

import dev.visionstream.models.inpainting.RnGenerator;

/**
 * How an RN generator is trained.
 *
 * @param width         generator base width (64 published)
 * @param head          residual over the blend pre-fill (the built-in default) or absolute as published
 * @param normalization region normalisation, or instance normalisation for the ablation
 * @param resolution    the generator runs on the patch, or on its half-size copy (residual head only)
 * @param patch         square training patch size in pixels (multiple of 4)
 * @param frame         masks are drawn on a frame of this size, then a patch-sized window is cut from them
 * @param batch         patches per step
 * @param steps         optimiser steps
 * @param learningRate  Adam learning rate (constant, then halved for the last quarter of the steps)
 * @param l2Weight      weight of the hole L2 term added to the hole L1 (0 = L1 only)
 * @param evalEvery     steps between validation scores (step 0 is scored too)
 * @param minHole       smallest hole fraction of a drawn frame mask
 * @param maxHole       largest hole fraction of a drawn frame mask
 * @param seed          seeds weights, patches and masks
 */
public record TrainingSettings(int width, RnGenerator.Head head, RnGenerator.Normalization normalization,
                               RnGenerator.Resolution resolution, int patch, int frame, int batch, int steps,
                               float learningRate, float l2Weight, int evalEvery,
                               double minHole, double maxHole, long seed) {
    public TrainingSettings {
        int multiple = 4 * resolution.factor();
        if (patch % multiple != 0 || patch < 16 || frame < patch) {
            throw new IllegalArgumentException("patch must be a multiple of " + multiple + ", at least 16, and at "
                    + "most the frame");
        }
        if (resolution == RnGenerator.Resolution.HALF && head != RnGenerator.Head.RESIDUAL) {
            throw new IllegalArgumentException("only the residual head runs at half resolution");
        }
        if (width < 1 || batch < 1 || steps < 0 || evalEvery < 1) {
            throw new IllegalArgumentException("width, batch and eval interval must be positive, steps not negative");
        }
    }
}
