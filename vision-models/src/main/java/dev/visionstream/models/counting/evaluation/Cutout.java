package dev.visionstream.models.counting.evaluation;

import java.util.List;

/**
 * One cut-out class: a stamp picture with a transparent background, and the shape figures that decide what it is
 * good for.
 *
 * @param id         the stamp's path under the stamps folder without {@code .png}, e.g. {@code food/fruit/orange}
 * @param file       the file as the package installs it
 * @param group      the key the split is drawn from: variants of one thing ({@code apple_red}, {@code apple_green},
 *                   {@code cartoon/apple}) share it, so they all land on the same side
 * @param category   the first two folders of the id ({@code food/fruit}): distractors from it look alike
 * @param split      train or held out
 * @param width      the opaque part's bounding box, pixels
 * @param height     the opaque part's bounding box, pixels
 * @param fill       opaque pixels / bounding-box area (a disc: 0.79)
 * @param saturation mean HSB saturation of the opaque pixels (a hue shift changes little below about 0.3)
 */
public record Cutout(String id, String file, String group, String category, DatasetSplit split, int width,
                     int height, double fill, double saturation) {
    /** Targets are compact blobs, not long thin things. */
    static final double MAX_TARGET_ASPECT = 1.6;
    static final double MIN_TARGET_FILL = 0.55;
    /** Targets may be drawn at about 100 px, so their source must not be much smaller. */
    static final int MIN_TARGET_SIDE = 40;
    static final double MIN_MULTICOLOUR_SATURATION = 0.3;
    /**
     * Where the things people count in heaps, rows and crowds live (fruit, nuts, vegetables, flowers, mushrooms,
     * coins, balls, bugs, shells, planets, sweets and ornaments); letters, houses, vehicles and the like are only
     * ever distractors.
     */
    static final List<String> TARGET_FOLDERS = List.of("food/fruit/", "food/nuts/", "food/vegetables/",
            "food/dessert/", "plants/flowers/", "plants/mushrooms/", "symbols/money/", "sports/", "animals/insects/",
            "animals/shellfish/", "animals/amphibians/", "space/planets/", "space/moon/", "seasonal/christmas/",
            "seasonal/easter/", "seasonal/halloween/");

    public double aspect() {
        return (double) Math.max(width, height) / Math.min(width, height);
    }

    /** A countable kind of thing with a compact, blob-like shape. */
    public boolean targetLike() {
        return TARGET_FOLDERS.stream().anyMatch(id::startsWith) && aspect() <= MAX_TARGET_ASPECT
                && fill >= MIN_TARGET_FILL && Math.min(width, height) >= MIN_TARGET_SIDE;
    }

    /** Colourful enough that hue shifts make clearly different colours. */
    public boolean colourful() {
        return saturation >= MIN_MULTICOLOUR_SATURATION;
    }
}
