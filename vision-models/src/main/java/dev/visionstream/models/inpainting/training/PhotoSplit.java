package dev.visionstream.models.inpainting.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The fixed split of the training photographs: a file is a validation photo when its name hashes into one fifth of
 * the buckets. The rule looks at nothing but the name, so adding photos never moves an existing one across.
 */
public final class PhotoSplit {
    private static final int BUCKETS = 5;
    /**
     * Never trained, tuned or validated on: the images reserved as unseen evaluation data, the test and demo
     * images, and paintings.
     */
    private static final List<String> EXCLUDED = List.of("chelsea", "coffee", "rocket", "motorcycle_", "happyfish",
            "digits", "astronaut", "camera", "fruits", "baboon", "building", "starry_night");

    private PhotoSplit() {
    }

    /** Whether a file name is one the project must not learn from (checked before any photo is read). */
    public static boolean isExcluded(Path photo) {
        String name = photo.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXCLUDED.stream().anyMatch(name::contains);
    }

    public static boolean isValidation(Path photo) {
        return Math.floorMod(photo.getFileName().toString().hashCode(), BUCKETS) == 0;
    }
}
