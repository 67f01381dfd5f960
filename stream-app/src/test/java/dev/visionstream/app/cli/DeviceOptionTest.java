package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.visionstream.models.counting.SyntheticScene;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device}: bad values and an absent GPU are one line naming the option, exit code 2; cpu runs. */
class DeviceOptionTest {
    @TempDir
    Path dir;

    private Path scene() throws Exception {
        Path image = dir.resolve("scene.png");
        ImageIO.write(SyntheticScene.generate(7, 320, 240, 12).image(), "png", image.toFile());
        return image;
    }

    @Test
    void aValueThatIsNoDeviceIsRefusedWithTheFormsThatWork() throws Exception {
        String line = BadInputAssert.assertReported(CliRun.of("bench", "pose", "--device", "gpu:x"), "--device gpu:x");
        assertTrue(line.contains("expected auto, cpu, gpu or gpu:N"), line);
        BadInputAssert.assertReported(CliRun.of("count", "--device", "tpu", "--image", scene().toString(),
                "--exemplar", "10,10,40,30"), "--device tpu");
    }

    @Test
    void runTakesOneDeviceOrOnePerStage() {
        CliRun run = CliRun.of("run", "--no-ui", "--bootstrap-servers", "localhost:9092", "--device", "cpu",
                "--device", "pose=gpu:1", "--print-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("stages.device = cpu"), run.out());
        assertTrue(run.out().contains("stages.pose.device = gpu:1"), run.out());
        String line = BadInputAssert.assertReported(CliRun.of("run", "--no-ui", "--bootstrap-servers",
                "localhost:9092", "--device", "tracking=gpu", "--print-config"), "--device tracking=gpu");
        assertTrue(line.contains("not a model stage"), line);
    }

    @Test
    void anExplicitGpuWhereThereIsNoneIsAnErrorNotACpuRun() {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        String line = BadInputAssert.assertReported(CliRun.of("bench", "pose", "--device", "gpu", "--frames", "1"),
                "--device gpu");
        assertTrue(line.contains("sees no GPU"), line);
    }

    @Test
    void aCpuRunRecordsTheDeviceInItsResult() throws Exception {
        CliRun run = CliRun.of("count", "--device", "cpu", "--json", "--image", scene().toString(), "--exemplar",
                "10,10,40,30");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"device\":\"cpu\""), run.out());
    }
}
