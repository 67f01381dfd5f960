package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.visionstream.models.process.ExternalCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped conversion script on state dicts that PyTorch builds at test time with the official key names and
 * shapes (random values), loaded by the Java generator and compared tensor by tensor.
 */
class RnCheckpointConversionTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;
    private static Path script;
    private static Path helper;

    @BeforeAll
    static void locate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import torch, numpy").isEmpty(),
                "needs Debian's python3-torch at /usr/bin/python3 (CI installs it)");
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("scripts/convert-rn-checkpoint.py"))) {
            root = root.getParent();
        }
        assertTrue(root != null, "scripts/convert-rn-checkpoint.py not found above the working directory");
        script = root.resolve("scripts/convert-rn-checkpoint.py");
        helper = dir.resolve("official_rn_state.py");
        try (InputStream in = RnCheckpointConversionTest.class
                .getResourceAsStream("/inpainting/official_rn_state.py")) {
            Files.copy(in, helper);
        }
    }

    /** Runs a command; returns "" on success, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(120), command);
        assertTrue(!result.timedOut(), "timed out: " + String.join(" ", command));
        return result.succeeded() ? "" : result.output();
    }

    private static Path convert(String layout, int width) throws Exception {
        Path checkpoint = dir.resolve(layout + width + ".pth");
        Path npz = dir.resolve(layout + width + ".npz");
        assertEquals("", run(PYTHON, helper.toString(), checkpoint.toString(), Integer.toString(width), layout));
        assertEquals("", run(PYTHON, script.toString(), checkpoint.toString(), npz.toString()));
        return npz;
    }

    @Test
    void releasedModelLayoutConvertsAndLoadsIntoThePublishedWidthTensorForTensor() throws Exception {
        Path npz = convert("model", RnGenerator.PUBLISHED_WIDTH);
        RnWeights converted = RnWeights.read(npz);
        assertEquals(RnGenerator.PUBLISHED_WIDTH, converted.width());
        // the reference keeps DataParallel's "module." keys: reading it exercises the prefix handling too
        RnWeights reference = RnWeights.read(dir.resolve("model64.pth.reference.npz"));
        try (NDManager manager = NDManager.newBaseManager()) {
            RnGenerator generator = converted.newGenerator(manager);
            Map<String, Parameter> loaded = generator.officialParameters();
            assertEquals(reference.tensors().keySet(), loaded.keySet());
            assertEquals(11_596_591L, generator.parameterCount());
            for (Map.Entry<String, Parameter> e : loaded.entrySet()) {
                NpzArchive.Tensor want = reference.tensors().get(e.getKey());
                assertArrayEquals(want.shape(), e.getValue().getShape().getShape(), e.getKey());
                assertArrayEquals(want.values(), e.getValue().getArray().toFloatArray(), 0f, e.getKey());
            }
            var out = generator.forward(new ParameterStore(manager, false), new NDList(
                    manager.ones(new Shape(1, 3, 16, 16)), manager.zeros(new Shape(1, 1, 16, 16))), false);
            assertEquals(new Shape(1, 3, 16, 16), out.singletonOrThrow().getShape());
        }
    }

    @Test
    void bareGeneratorStateConvertsToo() throws Exception {
        RnWeights weights = RnWeights.read(convert("plain", 8));
        assertEquals(8, weights.width());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(List.copyOf(new RnGenerator(8).officialParameters().keySet()),
                    List.copyOf(weights.newGenerator(manager).officialParameters().keySet()));
        }
    }
}
