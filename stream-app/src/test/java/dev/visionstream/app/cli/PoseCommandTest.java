package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vision pose --bvh} reports what the library's replay of the same frames gives (the stage is checked alike),
 * and refuses a file it cannot replay in one line.
 */
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
        BadInputAssert.assertReported(run, "--from 0.5 --to 0.4");
    }

    @Test
    void aFileThatIsNotBvhIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path notBvh = Files.writeString(dir.resolve("notes.bvh"), "just some notes\n");
        String line = BadInputAssert.assertReported(CliRun.of("pose", "--bvh", notBvh.toString()),
                "--bvh " + notBvh);
        assertTrue(line.contains("HIERARCHY"), line);
    }

    @Test
    void nanInTheMotionDataIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        // lower case: Java's parser rejects it
        Path lower = Files.writeString(dir.resolve("lower.bvh"), bvhWithSecondFrame("nan 0 0"));
        String line = BadInputAssert.assertReported(CliRun.of("pose", "--bvh", lower.toString()),
                "--bvh " + lower);
        assertTrue(line.contains("\"nan\""), line);
        // Java's own spelling parses; the command still refuses it rather than replaying NaN joints
        Path java = Files.writeString(dir.resolve("java.bvh"), bvhWithSecondFrame("NaN 0 0"));
        line = BadInputAssert.assertReported(CliRun.of("pose", "--bvh", java.toString()), "--bvh " + java);
        assertTrue(line.endsWith("motion data holds NaN in frame 1"), line);
    }

    private static String bvhWithSecondFrame(String frame) {
        return String.join("\n", "HIERARCHY", "ROOT Hips", "{", "  OFFSET 0 0 0",
                "  CHANNELS 3 Xposition Yposition Zposition", "  End Site", "  {", "    OFFSET 0 1 0", "  }", "}",
                "MOTION", "Frames: 2", "Frame Time: 0.0333333", "0 0 0", frame, "");
    }
}
