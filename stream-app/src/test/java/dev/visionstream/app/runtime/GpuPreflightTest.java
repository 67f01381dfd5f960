package dev.visionstream.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GpuPreflightTest {
    private static final Path CACHE = Path.of("/home/u/.djl.ai/pytorch");

    private static GpuPreflight.Findings findings(String libraryPath, boolean hasTorch, String classpathFlavor,
                                                  List<String> cached, String download) {
        return new GpuPreflight.Findings(libraryPath, hasTorch, classpathFlavor, CACHE, cached, download);
    }

    @Test
    void gpuModeComesFromTheCommandLineOrTheSettings() {
        Properties none = new Properties();
        assertEquals("--device gpu", GpuPreflight.gpuModeReason(new String[] {"bench", "pose", "--device", "gpu"},
                Map.of(), none));
        assertEquals("--device pose=gpu:1", GpuPreflight.gpuModeReason(new String[] {"run", "--device=pose=gpu:1"},
                Map.of(), none));
        assertEquals("VISION_COUNTING_DEVICE=gpu:0", GpuPreflight.gpuModeReason(new String[] {"doctor"},
                Map.of("VISION_COUNTING_DEVICE", "gpu:0"), none));
        Properties props = new Properties();
        props.setProperty("vision.device", "gpu");
        assertEquals("-Dvision.device=gpu", GpuPreflight.gpuModeReason(new String[0], Map.of("VISION_DEVICE", "cpu"),
                props));
        assertNull(GpuPreflight.gpuModeReason(new String[] {"run", "--device", "auto"},
                Map.of("VISION_DEVICE", "cpu", "VISION_POSE_DEVICE", "gpu:x"), none));
    }

    @Test
    void offlineWithNothingLocalIsOneMessageSayingWhatWasTriedAndHowToFixIt() {
        Optional<String> problem = GpuPreflight.problem("VISION_DEVICE=gpu", findings(null, false, null, List.of(),
                "offline? UnknownHostException: publish.djl.ai"));
        assertTrue(problem.isPresent());
        String m = problem.get();
        assertTrue(m.startsWith("GPU mode (VISION_DEVICE=gpu) needs PyTorch 2.7.1's CUDA libraries and found none"),
                m);
        for (String tried : List.of("PYTORCH_LIBRARY_PATH (not set)", "pytorch-native-cu* jar", CACHE.toString(),
                "UnknownHostException: publish.djl.ai", "Fix: set PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR=cu128",
                "--device cpu")) {
            assertTrue(m.contains(tried), "says " + tried + ": " + m);
        }
        assertTrue(!m.contains("\n"), "one line");
    }

    @Test
    void anyLocalCudaBuildOrAReachableDownloadIsEnough() {
        assertTrue(GpuPreflight.problem("g", findings("/opt/torch/lib", true, null, List.of(), "x")).isEmpty());
        assertTrue(GpuPreflight.problem("g", findings(null, false, "cu128", List.of(), "x")).isEmpty());
        assertTrue(GpuPreflight.problem("g", findings(null, false, null, List.of("2.7.1-cu128-linux-x86_64"), "x"))
                .isEmpty());
        assertTrue(GpuPreflight.problem("g", findings(null, false, null, List.of(), null)).isEmpty());
    }

    @Test
    void aWrongLibraryPathOrTheCpuJarIsNamed() {
        String path = GpuPreflight.problem("g", findings("/nope", false, null, List.of(), null)).orElseThrow();
        assertTrue(path.contains("PYTORCH_LIBRARY_PATH=/nope holds no libtorch.so"), path);
        String jar = GpuPreflight.problem("g", findings(null, false, "cpu", List.of(), null)).orElseThrow();
        assertTrue(jar.contains("pytorch-native-cpu jar) is on the classpath"), jar);
    }
}
