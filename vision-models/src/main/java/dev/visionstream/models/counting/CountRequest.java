package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/** One frame to count, with its exemplar boxes in the frame's pixels. */
public record CountRequest(BufferedImage image, List<Box> exemplars) {
}
