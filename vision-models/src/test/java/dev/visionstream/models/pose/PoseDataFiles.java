package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Motion captures of the test assets (scripts/fetch-test-assets.sh), under -Dvision.assets or target/assets. */
final class PoseDataFiles {
    private PoseDataFiles() {
    }

    /** The asset, or the test is skipped with a message saying how to fetch it. */
    static Path require(String assetPath) {
        Path file = Path.of(System.getProperty("vision.assets", "target/assets"), assetPath);
        assumeTrue(Files.isRegularFile(file), file + " not fetched: run scripts/fetch-test-assets.sh");
        return file;
    }
}
