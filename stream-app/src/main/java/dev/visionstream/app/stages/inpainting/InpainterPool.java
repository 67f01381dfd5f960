package dev.visionstream.app.stages.inpainting;

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
    private final Map<InpaintMethod, Inpainter> inpainters = new ConcurrentHashMap<>();

    /** @param rnWeights RN weights (.npz) or null for the built-in default */
    InpainterPool(Path rnWeights) {
        this.rnWeights = rnWeights;
    }

    Inpainter get(InpaintMethod method) {
        return inpainters.computeIfAbsent(method, m -> Inpainting.create(m, rnWeights));
    }

    @Override
    public void close() {
        inpainters.values().forEach(Inpainter::close);
        inpainters.clear();
    }
}
