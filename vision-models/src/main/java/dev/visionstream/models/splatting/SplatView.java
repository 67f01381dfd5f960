package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;

/** One input view: the picture and, when known, its camera (null when the predictor must estimate it). */
public record SplatView(BufferedImage image, ViewCamera camera) {
    public SplatView {
        if (image == null) {
            throw new IllegalArgumentException("a view needs an image");
        }
    }
}
