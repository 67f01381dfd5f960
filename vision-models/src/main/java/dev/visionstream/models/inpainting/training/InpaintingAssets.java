package dev.visionstream.models.inpainting.training;

import java.nio.file.Path;
import java.util.List;

/**
 * The inpainting images and masks of the pinned test assets (scripts/fetch-test-assets.sh), relative to the assets
 * folder, and the split that keeps evaluation honest: training may use the LEFT half of each image
 * ({@code x < width / 2}), evaluation crops come from the RIGHT edge, so no evaluated pixel was seen in training.
 */
public final class InpaintingAssets {
    public static final String SKIMAGE = "x/python3-skimage/usr/lib/python3/dist-packages/skimage/data/";
    public static final String OPENCV = "x/opencv-doc/usr/share/doc/opencv-doc/examples/";
    public static final List<String> IMAGES = List.of(SKIMAGE + "astronaut.png", SKIMAGE + "camera.png",
            OPENCV + "data/fruits.jpg", OPENCV + "data/baboon.jpg", OPENCV + "data/building.jpg");
    /** Damage is BLACK in these masks: invert after reading. */
    public static final List<String> FUZZY_MASKS = List.of(OPENCV + "fuzzy/mask1.png", OPENCV + "fuzzy/mask2.png",
            OPENCV + "fuzzy/mask3.png");

    private InpaintingAssets() {
    }

    public static List<Path> images(Path assets) {
        return IMAGES.stream().map(assets::resolve).toList();
    }

    public static List<Path> fuzzyMasks(Path assets) {
        return FUZZY_MASKS.stream().map(assets::resolve).toList();
    }
}
