package dev.visionstream.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where a model runs, as a user writes it: {@code auto} (the first GPU when the engine sees one, else the CPU),
 * {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. An explicit GPU never falls back to the CPU: a
 * machine without one is an error, so that a slow run is never mistaken for a GPU run.
 *
 * @param kind  auto, cpu or gpu
 * @param index the GPU's index for {@code gpu:N}; -1 for {@code auto}, {@code cpu} and a bare {@code gpu}
 */
public record DeviceSetting(Kind kind, int index) {
    public static final DeviceSetting AUTO = new DeviceSetting(Kind.AUTO, -1);
    public static final DeviceSetting CPU = new DeviceSetting(Kind.CPU, -1);
    public static final DeviceSetting GPU = new DeviceSetting(Kind.GPU, -1);
    /** What the setting accepts, for help texts and errors. */
    public static final String FORMS = "auto, cpu, gpu or gpu:N";

    /** The three forms a setting may take. */
    public enum Kind { AUTO, CPU, GPU }

    public DeviceSetting {
        if (kind == null || index < -1 || (index >= 0 && kind != Kind.GPU)) {
            throw new IllegalArgumentException("not a device: " + kind + " " + index);
        }
    }

    /**
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static DeviceSetting parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
                return GPU;
            default:
                break;
        }
        if (s.startsWith("gpu:") && s.length() > 4 && s.length() <= 7 && s.substring(4).chars()
                .allMatch(c -> c >= '0' && c <= '9')) {
            return new DeviceSetting(Kind.GPU, Integer.parseInt(s.substring(4)));
        }
        throw new IllegalArgumentException("'" + text + "' is not a device: expected " + FORMS
                + " (N a GPU index from 0)");
    }

    /** Whether this setting insists on a GPU (so the CUDA libraries must be there). */
    public boolean wantsGpu() {
        return kind == Kind.GPU;
    }

    /** The device on the PyTorch engine of this process (loading the engine if it is not loaded yet). */
    public Device resolve() {
        Engine engine = Engine.getEngine("PyTorch");
        return resolve(engine.getGpuCount(), engine.getVersion());
    }

    /**
     * The device, given how many GPUs the engine sees.
     *
     * @param engineVersion said in the error, so the user sees which libraries found no GPU
     * @throws DeviceUnavailableException for a GPU the engine does not see
     */
    public Device resolve(int visibleGpus, String engineVersion) {
        return switch (kind) {
            case AUTO -> visibleGpus > 0 ? Device.gpu(0) : Device.cpu();
            case CPU -> Device.cpu();
            case GPU -> {
                int wanted = Math.max(index, 0);
                if (visibleGpus == 0) {
                    throw new DeviceUnavailableException(this + ": PyTorch " + engineVersion + " sees no GPU "
                            + "(CPU native libraries, or no NVIDIA driver): run on the GPU machine with the CUDA "
                            + "libraries (docs/gpu.md), or use --device cpu or auto");
                }
                if (wanted >= visibleGpus) {
                    throw new DeviceUnavailableException(this + ": PyTorch sees " + visibleGpus + " GPU(s), "
                            + "numbered from 0 to " + (visibleGpus - 1));
                }
                yield Device.gpu(wanted);
            }
        };
    }

    /** How results name a device: {@code cpu} or {@code gpu:N}. */
    public static String label(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    @Override
    public String toString() {
        return kind == Kind.GPU && index >= 0 ? "gpu:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
