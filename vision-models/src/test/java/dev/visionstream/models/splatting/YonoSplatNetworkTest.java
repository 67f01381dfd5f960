package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.visionstream.models.process.ExternalCommand;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-supplied network path, with tiny random-weight models of the contract generated here by PyTorch. */
class YonoSplatNetworkTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Path generate(Path dir, String name, String... options) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        Path script = dir.resolve("tiny_yonosplat.py");
        if (!Files.exists(script)) {
            try (var in = YonoSplatNetworkTest.class.getResourceAsStream("/splatting/tiny_yonosplat.py")) {
                Files.copy(in, script);
            }
        }
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), out.toString()));
        command.addAll(List.of(options));
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(120), command);
        assertFalse(result.timedOut(), "timed out: " + command);
        Assumptions.assumeFalse(result.output().contains("No module named 'torch'"), "python3-torch is not installed");
        assertEquals(0, result.exitCode(), result.output());
        return out;
    }

    private static List<SplatView> views(int count) {
        Random random = new Random(1);
        List<SplatView> views = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    image.setRGB(x, y, random.nextInt(0xffffff));
                }
            }
            views.add(new SplatView(image, null));
        }
        return views;
    }

    @Test
    void torchScriptModelRunsThePoseFreePipeline(@TempDir Path dir) throws Exception {
        try (YonoSplatNetwork network = YonoSplatNetwork.load(generate(dir, "tiny.pt"), 28, 28, true, Device.cpu())) {
            assertEquals("yonosplat", network.info().name());
            assertTrue(network.info().provenance().contains("PyTorch"));
            SplatResult result = new SplatPipeline(network).build(views(3), null);
            assertEquals(3 * 28 * 28, result.gaussiansBeforePruning());
            assertEquals(28, result.width());
            // predicted poses are re-anchored to view 0 and are rotations
            assertArrayEquals(Pose.identity().toMatrix4(), result.poses().get(0).toMatrix4(), 1e-9);
            for (Pose p : result.poses()) {
                assertTrue(Mat3.isRotation(p.rotation(), 1e-9));
            }
            // focal from the intrinsic head (≥ 0.5 by construction), principal point at the centre
            double[] k = result.intrinsics().get(1);
            assertTrue(k[0] >= 0.5 * 28 - 1e-6);
            assertEquals(14, k[2], 1e-9);
            assertTrue(result.scene().count() > 0);
            Rendering r = new GaussianRasterizer().render(result.scene(), result.viewCamera(0));
            assertEquals(28, r.width());
        }
    }

    @Test
    void onnxModelWithoutIntrinsicsInputLoadsToo(@TempDir Path dir) throws Exception {
        Path model = generate(dir, "tiny.onnx", "--no-intrinsics");
        try (YonoSplatNetwork network = YonoSplatNetwork.load(model, 28, 28, false, Device.cpu())) {
            assertTrue(network.info().provenance().contains("OnnxRuntime"));
            SplatResult result = new SplatPipeline(network).build(views(2), Set.of(1));
            assertEquals(28 * 28, result.gaussiansBeforePruning());
        }
    }

    @Test
    void aModelBreakingTheContractIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path bad = generate(dir, "bad.pt", "--gaussian-channels", "10");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YonoSplatNetwork.load(bad, 28, 28, true, Device.cpu()));
        assertTrue(e.getMessage().contains("output 1 (gaussians)") && e.getMessage().contains("11"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> YonoSplatNetwork.load(dir.resolve("none.pt"), 28, 28, true, Device.cpu()));
        assertTrue(missing.getMessage().contains("not found"));
    }
}
