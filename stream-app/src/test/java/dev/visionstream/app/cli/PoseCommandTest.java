package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.ClipReplay;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vision pose --bvh} reports what the library's replay of the same frames gives (the stage is checked alike). */
class PoseCommandTest {
    @Test
    void theCliReportsTheLibrarysReplayOfTheSameFrames() throws Exception {
        Path bvh = Path.of(System.getProperty("vision.assets", "target/assets"),
                "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh");
        assumeTrue(Files.isRegularFile(bvh), "01_01.bvh not fetched (scripts/fetch-test-assets.sh)");
        CliRun run = CliRun.of("pose", "--bvh", bvh.toString(), "--from", "0.8", "--to", "0.9", "--gap", "9",
                "--every-offset", "--method", "learned", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = Json.MAPPER.readTree(run.out()).get("results").get(0);

        List<double[][]> joints = BvhImport.joints(BvhClip.read(bvh), 30);
        joints = joints.subList((int) (0.8 * joints.size()), (int) (0.9 * joints.size()));
        try (PoseTracker tracker = PoseTracker.withDefaults(PoseTracker.Settings.defaults())) {
            ClipReplay.Result library = ClipReplay.runEveryOffset(tracker, joints, 30, 9, PoseTracker.Method.LEARNED);
            assertEquals("learned", result.get("method").asText());
            assertEquals(library.frames(), Json.MAPPER.readTree(run.out()).get("frames").asInt());
            assertEquals(library.mpjpeMm(), result.get("mpjpeMm").asDouble(), 1e-9);
            assertEquals(library.refinedFrames(), result.get("refinedFrames").asInt());
        }
    }

    @Test
    void anEmptyRangeIsRefusedWithOneLine() {
        CliRun run = CliRun.of("pose", "--bvh", "x.bvh", "--from", "0.5", "--to", "0.4");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
