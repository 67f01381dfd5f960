package dev.visionstream.models.inpainting.training;

/** Receives the loss after each optimiser step (for a progress bar and the training log). */
@FunctionalInterface
public interface TrainingProgress {
    void step(int step, int totalSteps, double loss, double holeL1, double validL1);
}
