package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.visionstream.models.process.ExternalCommand;
import dev.visionstream.schemas.Box;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-supplied backbone path, with a tiny random-weight ViT of DINOv2's contract (56 px tiles, patch 14,
 * CLS + 4 registers + 16 patch tokens, D = 32) written at test time by Debian's python3-torch.
 */
class DjlBackboneTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path models;

    @BeforeAll
    static void export() throws Exception {
        boolean torch = Files.isExecutable(Path.of(PYTHON))
                && run(PYTHON, "-c", "import torch") == 0;
        assumeTrue(torch, "skipped: " + PYTHON + " with torch (Debian python3-torch) is not installed");
        Path script = models.resolve("tiny_vit.py");
        try (InputStream in = DjlBackboneTest.class.getResourceAsStream("/counting/tiny_vit.py")) {
            Files.copy(in, script);
        }
        assertEquals(0, run(PYTHON, script.toString(), models.toString(), "56", "14"), "export failed");
    }

    private static DjlBackbone onCpu(String setting) {
        return DjlBackbone.load(setting, Device.cpu());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return ExternalCommand.run(Duration.ofSeconds(120), command).exitCode();
    }

    @Test
    void torchScriptViTLoadsDropsClsAndRegistersAndCounts() {
        try (DjlBackbone backbone = onCpu(models.resolve("tiny_vit.pt") + "#tile=56,patch=14");
             CountingDino counter = new CountingDino(backbone)) {
            assertEquals(56, backbone.tileSize());
            assertEquals(4, backbone.gridSize());
            assertEquals(32, backbone.channels());
            assertEquals("tiny_vit.pt", backbone.info().name());
            assertEquals("cpu", backbone.info().device());
            assertTrue(backbone.info().version().startsWith("sha256:"), backbone.info().version());
            SyntheticScene scene = SyntheticScene.generate(3, 160, 120, 6);
            // a 16-cell grid: exemplar boxes must cover at least 10 x 7.5 px
            CountResult r = counter.count(scene.image(), List.of(new Box(10, 10, 40, 30)));
            assertTrue(Double.isFinite(r.count()) && r.count() >= 0, "count " + r.count());
            assertEquals("tiny_vit.pt", r.backbone().name());
        }
    }

    @Test
    void onnxExportGivesTheSameFeatureShapeThroughOnnxRuntime() {
        try (DjlBackbone backbone = onCpu(models.resolve("tiny_vit.onnx") + "#tile=56,patch=14");
             CountingDino counter = new CountingDino(backbone)) {
            assertEquals(32, backbone.channels());
            CountResult r = counter.count(SyntheticScene.generate(3, 160, 120, 6).image(),
                    List.of(new Box(10, 10, 40, 30)));
            assertTrue(Double.isFinite(r.count()));
        }
    }

    @Test
    void anOnnxModelAskedToRunOnAGpuIsRefusedBeforeLoading() {
        BackboneContractException e = assertThrows(BackboneContractException.class,
                () -> DjlBackbone.load(models.resolve("tiny_vit.onnx") + "#tile=56,patch=14", Device.gpu(0)));
        assertTrue(e.getMessage().contains("ONNX models run on the CPU"), e.getMessage());
    }

    @Test
    void contractViolationsSayWhatWasExpectedAndFound() {
        BackboneContractException pooled = assertThrows(BackboneContractException.class,
                () -> onCpu(models.resolve("bad_vit.pt") + "#tile=56,patch=14"));
        assertTrue(pooled.getMessage().contains("expected patch tokens [1, 16"), pooled.getMessage());
        assertTrue(pooled.getMessage().contains("found (1, 32)"), pooled.getMessage());

        BackboneContractException size = assertThrows(BackboneContractException.class,
                () -> onCpu(models.resolve("tiny_vit.pt") + "#tile=70,patch=14"));
        assertTrue(size.getMessage().contains("[1, 3, 70, 70]"), size.getMessage());

        BackboneContractException kind = assertThrows(BackboneContractException.class,
                () -> onCpu(models.resolve("tiny_vit.py").toString()));
        assertTrue(kind.getMessage().contains("TorchScript"), kind.getMessage());
        assertThrows(BackboneContractException.class, () -> onCpu(models.resolve("nothing.pt").toString()));
    }
}
