package dev.visionstream.app.cli;

import dev.visionstream.models.counting.DetectorFeatures;
import java.nio.file.Path;

/** Loads the {@code --detector DIR} of the counting commands; a folder without the model is a clear bad input. */
final class DetectorOption {
    private DetectorOption() {
    }

    static DetectorFeatures load(Path folder) {
        try {
            return DetectorFeatures.load(folder);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--detector " + folder, e.getMessage(), e);
        }
    }
}
