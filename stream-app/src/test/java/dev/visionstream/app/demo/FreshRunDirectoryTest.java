package dev.visionstream.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A demo run sees none of an earlier run's broker data or stream state, and leaves none behind. */
class FreshRunDirectoryTest {
    @TempDir
    Path workDir;

    @Test
    void anEarlierRunsStateIsGoneAtTheStartAndTheRunsOwnAtTheEnd() throws Exception {
        // what a killed run leaves: a state store and broker data
        Path stale = workDir.resolve(FreshRunDirectory.NAME);
        Files.createDirectories(stale.resolve("streams/vision-stream-app/0_1/rocksdb"));
        Files.writeString(stale.resolve("streams/vision-stream-app/0_1/rocksdb/CURRENT"), "MANIFEST-000001");
        Files.createDirectories(stale.resolve("kafka/vision.frames-0"));
        Path unrelated = Files.writeString(workDir.resolve("keep.txt"), "not the demo's");

        Path used;
        try (FreshRunDirectory run = FreshRunDirectory.under(workDir)) {
            used = run.path();
            assertEquals(stale.toAbsolutePath().normalize(), used);
            try (Stream<Path> left = Files.list(used)) {
                assertEquals(0, left.count(), "starts empty");
            }
            Files.createDirectories(used.resolve("streams/vision-stream-app/0_0"));
            Files.writeString(used.resolve("streams/vision-stream-app/0_0/state"), "this run's");
        }
        assertFalse(Files.exists(used), "removed at the end");
        assertTrue(Files.exists(unrelated), "only the run's own directory is touched");
    }
}
