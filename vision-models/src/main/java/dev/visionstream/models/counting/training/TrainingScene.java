package dev.visionstream.models.counting.training;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/** A picture with its exemplar boxes and the true number of objects like them. */
public record TrainingScene(BufferedImage image, List<Box> exemplars, int count) {
    public TrainingScene {
        exemplars = List.copyOf(exemplars);
    }
}
