package dev.visionstream.models.inpainting.training;

/** Receives the loss after each optimiser step and every validation line (for a progress bar and the log). */
public interface TrainingProgress {
    void step(int step, int totalSteps, double loss, double holeL1);

    void validation(String line);
}
