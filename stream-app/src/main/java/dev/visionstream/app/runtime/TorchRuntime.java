package dev.visionstream.app.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What PyTorch this process runs: its build (flavour and folder) and the GPUs it sees, in words. */
public final class TorchRuntime {
    private TorchRuntime() {
    }

    /** {@code flavour cpu, libtorch in DIR} or {@code flavour cu128 (CUDA runtime 12.8), libtorch in DIR}. */
    public static String describe(Engine engine) {
        String dir;
        try {
            dir = LibUtils.getLibtorchPath();
        } catch (RuntimeException e) {
            dir = "unknown";
        }
        return "flavour " + flavour(engine, dir) + ", libtorch in " + dir;
    }

    /**
     * The build's flavour: from DJL's cache folder name ({@code 2.7.1-20250812-cpu-linux-x86_64}), else what the
     * build can do.
     */
    static String flavour(Engine engine, String dir) {
        Path name = Path.of(dir).getFileName();
        String flavour = engine.hasCapability("CUDA") ? "CUDA" : "cpu";
        for (String part : (name == null ? "" : name.toString()).split("-")) {
            if (part.equals("cpu") || part.matches("cu\\d+")) {
                flavour = part;
            }
        }
        if (engine.hasCapability("CUDA") && CudaUtils.hasCuda()) {
            int v = CudaUtils.getCudaVersion();
            flavour += String.format(Locale.ROOT, " (CUDA runtime %d.%d)", v / 1000, v % 1000 / 10);
        }
        return flavour;
    }

    /** One line per GPU the engine sees: {@code gpu:0 compute capability 9.0, 139.8 GiB}. */
    public static List<String> gpus(Engine engine) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            String line = "gpu:" + i + " compute capability " + CudaUtils.getComputeCapability(i);
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
                line += String.format(Locale.ROOT, ", %.1f GiB (%.1f GiB in use)", m.getMax() / 1073741824.0,
                        m.getCommitted() / 1073741824.0);
            } catch (RuntimeException e) {
                line += ", memory unknown";
            }
            lines.add(line);
        }
        return lines;
    }
}
