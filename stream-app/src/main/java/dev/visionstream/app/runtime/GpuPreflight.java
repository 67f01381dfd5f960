package dev.visionstream.app.runtime;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import dev.visionstream.models.DeviceSetting;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The start-up check of GPU mode (a device setting or {@code --device} that asks for a GPU): PyTorch's CUDA
 * libraries must be found before any command runs, and when they are not, one message says where they were looked
 * for and how to provide them, instead of a download stack trace or a silent CPU run. DJL looks, in order, in
 * {@code PYTORCH_LIBRARY_PATH}, in a native jar on the classpath, in its cache, then downloads the build that fits
 * the CUDA driver from {@value #DOWNLOAD_SITE}.
 */
public final class GpuPreflight {
    /** The PyTorch that DJL 0.36's JNI is built for. */
    public static final String PYTORCH_VERSION = "2.7.1";
    /** The CUDA flavour whose JNI DJL 0.36 ships (in pytorch-jni); a local CUDA 12 libtorch runs under it. */
    public static final String CUDA_FLAVOR = "cu128";
    static final String DOWNLOAD_SITE = "publish.djl.ai";
    private static final String FIX = "Fix: set PYTORCH_LIBRARY_PATH to the lib folder of a PyTorch " + PYTORCH_VERSION
            + " CUDA 12 build (e.g. pip's site-packages/torch/lib) with PYTORCH_FLAVOR=" + CUDA_FLAVOR + "; or start "
            + "once where " + DOWNLOAD_SITE + " is reachable (PYTORCH_FLAVOR=" + CUDA_FLAVOR + ") and copy the DJL "
            + "cache to this host; or run with --device cpu or auto (docs/gpu.md).";

    /**
     * What was found where DJL looks.
     *
     * @param libraryPath     {@code PYTORCH_LIBRARY_PATH}, or null
     * @param libraryHasTorch whether it holds libtorch
     * @param classpathFlavor the flavour of the pytorch-native jar on the classpath ({@code cpu}, {@code cu128}),
     *                        or null for none
     * @param cacheDir        DJL's cache of downloaded builds
     * @param cachedCuda      the CUDA builds of {@value #PYTORCH_VERSION} in it
     * @param download        null when the download site answers, else why it cannot be used; asked only when
     *                        nothing local fits
     */
    public record Findings(String libraryPath, boolean libraryHasTorch, String classpathFlavor, Path cacheDir,
                           List<String> cachedCuda, String download) {
        boolean localBuild() {
            return libraryPath != null || (classpathFlavor != null && classpathFlavor.startsWith("cu"))
                    || !cachedCuda.isEmpty();
        }
    }

    private GpuPreflight() {
    }

    /**
     * Why this process is in GPU mode ({@code --device gpu}, {@code VISION_DEVICE=gpu}, ...), or null when no
     * setting insists on a GPU. Values that do not parse are left for the command to report.
     */
    public static String gpuModeReason(String[] args, Map<String, String> environment, Properties properties) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--device=") ? args[i].substring("--device=".length())
                    : args[i].equals("--device") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null && wantsGpu(value.substring(value.indexOf('=') + 1))) {
                return "--device " + value;
            }
        }
        List<String[]> settings = new ArrayList<>();
        settings.add(new String[] {StageSettings.Key.DEVICE.property, StageSettings.Key.DEVICE.environment});
        for (ModelStage s : ModelStage.values()) {
            settings.add(new String[] {s.property, s.environment});
        }
        for (String[] s : settings) {
            String value = properties.getProperty(s[0], environment.get(s[1]));
            if (value != null && wantsGpu(value)) {
                return (properties.getProperty(s[0]) != null ? "-D" + s[0] : s[1]) + "=" + value.trim();
            }
        }
        return null;
    }

    private static boolean wantsGpu(String value) {
        try {
            return DeviceSetting.parse(value).wantsGpu();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What is missing for GPU mode, as one message, or empty when a CUDA build can be loaded. */
    public static Optional<String> problem(String reason, Findings f) {
        String head = "GPU mode (" + reason + ") needs PyTorch " + PYTORCH_VERSION + "'s CUDA libraries";
        if (f.libraryPath() != null) {
            return f.libraryHasTorch() ? Optional.empty() : Optional.of(head + ", and PYTORCH_LIBRARY_PATH="
                    + f.libraryPath() + " holds no libtorch.so. " + FIX);
        }
        if (f.localBuild()) {
            return Optional.empty();
        }
        if ("cpu".equals(f.classpathFlavor())) {
            return Optional.of(head + ", but the CPU build (the pytorch-native-cpu jar) is on the classpath: start "
                    + "through ./vision, which leaves it off in GPU mode. " + FIX);
        }
        if (f.download() == null) {
            return Optional.empty();
        }
        return Optional.of(head + " and found none. Tried: PYTORCH_LIBRARY_PATH (not set); a pytorch-native-cu* jar "
                + "on the classpath (none; Maven Central serves only the CPU one for " + PYTORCH_VERSION + "); the "
                + "DJL cache " + f.cacheDir() + " (no CUDA build of " + PYTORCH_VERSION + "); a download from "
                + DOWNLOAD_SITE + " (" + f.download() + "). " + FIX);
    }

    /** The findings of this process: its environment, classpath and cache, and the network only if needed. */
    public static Findings gather(Map<String, String> environment) {
        String libraryPath = environment.get("PYTORCH_LIBRARY_PATH");
        boolean hasTorch = libraryPath != null && Stream.of(libraryPath.split(":"))
                .anyMatch(p -> Files.isRegularFile(Path.of(p, "libtorch.so")));
        String flavor = classpathFlavor();
        Path cache = Utils.getEngineCacheDir("pytorch");
        List<String> cached = new ArrayList<>();
        try (Stream<Path> dirs = Files.isDirectory(cache) ? Files.list(cache) : Stream.empty()) {
            // DJL names them VERSION[-BUILD]-FLAVOUR-CLASSIFIER, e.g. 2.7.1-cu128-linux-x86_64
            dirs.filter(d -> d.getFileName().toString().startsWith(PYTORCH_VERSION + "-")
                            && d.getFileName().toString().contains("-cu")
                            && Files.isRegularFile(d.resolve("libtorch.so")))
                    .forEach(d -> cached.add(d.getFileName().toString()));
        } catch (IOException e) {
            // an unreadable cache holds nothing usable
        }
        Findings local = new Findings(libraryPath, hasTorch, flavor, cache, cached, null);
        if (libraryPath != null || local.localBuild() || "cpu".equals(flavor)) {
            return local;
        }
        String download = Boolean.parseBoolean(environment.getOrDefault("DJL_OFFLINE", "false"))
                ? "not tried: DJL_OFFLINE is set" : reach("https://" + DOWNLOAD_SITE + "/pytorch/" + PYTORCH_VERSION
                + "/files.txt");
        return new Findings(libraryPath, false, flavor, cache, cached, download);
    }

    /**
     * The whole check for a process in GPU mode: the libraries, then loading them, then a visible GPU.
     *
     * @return the one message to print, or empty when the models can run on a GPU
     */
    public static Optional<String> check(String reason, Map<String, String> environment) {
        Findings findings = gather(environment);
        Optional<String> missing = problem(reason, findings);
        if (missing.isPresent()) {
            return missing;
        }
        if (findings.libraryPath() != null && environment.get("PYTORCH_FLAVOR") == null
                && System.getProperty("PYTORCH_FLAVOR") == null) {
            // DJL takes a local libtorch for a CPU build unless told; its JNI for CUDA 12 is this flavour
            System.setProperty("PYTORCH_FLAVOR", CUDA_FLAVOR);
        }
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("GPU mode (" + reason + "): PyTorch's libraries did not load (" + firstLine(e)
                    + "). " + FIX);
        }
        if (engine.getGpuCount() == 0) {
            return Optional.of("GPU mode (" + reason + "): PyTorch " + engine.getVersion() + " loaded ("
                    + TorchRuntime.describe(engine) + ") but sees no GPU: a CPU build, no NVIDIA driver, or "
                    + "CUDA_VISIBLE_DEVICES hides them. " + FIX);
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m);
    }

    private static String classpathFlavor() {
        try (InputStream in = GpuPreflight.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("flavor");
        } catch (IOException e) {
            return null;
        }
    }

    private static String reach(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(5_000);
            c.setRequestMethod("HEAD");
            int status = c.getResponseCode();
            c.disconnect();
            return status < 400 ? null : "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return "offline? " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
