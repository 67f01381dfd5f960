package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The motion-capture files scripts/fetch-pose-training-data.sh puts under -Dpose.data or target/pose-data. */
final class PoseDataFiles {
    private PoseDataFiles() {
    }

    /** The file, or the test is skipped with a message saying how to fetch it. */
    static Path require(String fileName) {
        String configured = System.getProperty("pose.data");
        Stream<Path> dirs = configured != null ? Stream.of(Path.of(configured))
                : Stream.of(Path.of("target/pose-data"), Path.of("../target/pose-data"));
        Path found = dirs.map(d -> d.resolve(fileName)).filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(found != null, fileName + " not found under -Dpose.data or target/pose-data:"
                + " run scripts/fetch-pose-training-data.sh (from the repository root) to fetch it");
        return found;
    }
}
