package dev.visionstream.app.stages.inpainting;

import ai.djl.Device;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One inpainter per method, created on first use and shared by every stream thread (the RN model is loaded once).
 * A weights file that does not match the architecture fails on every use with the same clear message.
 */
final class InpainterPool implements AutoCloseable {
    private final Path rnWeights;
    private final DeviceSetting rnDevice;
    private final Map<InpaintMethod, Inpainter> inpainters = new ConcurrentHashMap<>();

    /**
     * @param rnWeights RN weights (.npz) or null for the built-in default
     * @param rnDevice  where the RN generator runs (the OpenCV methods run on the CPU)
     */
    InpainterPool(Path rnWeights, DeviceSetting rnDevice) {
        this.rnWeights = rnWeights;
        this.rnDevice = rnDevice;
    }

    Inpainter get(InpaintMethod method) {
        return inpainters.computeIfAbsent(method, m -> Inpainting.create(m, rnWeights,
                m == InpaintMethod.RN ? rnDevice.resolve() : Device.cpu()));
    }

    @Override
    public void close() {
        inpainters.values().forEach(Inpainter::close);
        inpainters.clear();
    }
}
