package dev.visionstream.models.inpainting;

import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the holes of an image. Implementations receive a mask of the image's size with at least one hole and at
 * least one valid pixel ({@link Inpainting} checks that) and return a new image in which only hole pixels changed.
 */
public interface Inpainter extends AutoCloseable {
    InpaintMethod method();

    /** What produced the result, for events: name, version, provenance. */
    ModelInfo model();

    BufferedImage inpaint(BufferedImage image, InpaintMask mask);

    /** Several images at once; the default runs them one by one. */
    default List<BufferedImage> inpaintAll(List<BufferedImage> images, List<InpaintMask> masks) {
        List<BufferedImage> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            out.add(inpaint(images.get(i), masks.get(i)));
        }
        return out;
    }

    @Override
    default void close() {
    }
}
