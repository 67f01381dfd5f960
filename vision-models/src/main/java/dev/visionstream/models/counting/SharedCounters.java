package dev.visionstream.models.counting;

import ai.djl.Device;
import dev.visionstream.models.DeviceSetting;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CountingDino} per backbone setting and device per JVM, created on first use: a model is loaded once
 * however many stream threads or processors count with it. The pipeline itself is stateless between calls.
 */
public final class SharedCounters {
    private static final Map<String, CountingDino> COUNTERS = new ConcurrentHashMap<>();

    private SharedCounters() {
    }

    /** The counter on the CPU. */
    public static CountingDino get(String backboneSpec) {
        return get(backboneSpec, Device.cpu());
    }

    public static CountingDino get(String backboneSpec, Device device) {
        String spec = backboneSpec == null || backboneSpec.isBlank() ? Backbones.DEFAULT : backboneSpec.trim();
        return COUNTERS.computeIfAbsent(spec + "@" + DeviceSetting.label(device),
                k -> new CountingDino(Backbones.open(spec, device)));
    }
}
