package dev.visionstream.models.counting;

import ai.djl.Device;
import dev.visionstream.models.DeviceSetting;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CountingDino} per backbone setting, device and verifier per JVM, created on first use: a model is loaded
 * once however many stream threads or processors count with it. The pipeline itself is stateless between calls.
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
        return get(backboneSpec, device, null);
    }

    /** @param verifier an instance verifier written by {@code vision count train-verifier}, or null for the built-in */
    public static CountingDino get(String backboneSpec, Device device, Path verifier) {
        return get(backboneSpec, device, verifier, null);
    }

    /**
     * @param detector the folder of the pretrained detector whose features the verifier also judges
     *                 ({@link DetectorFeatures}), or null for none; with it, the built-in verifier is the one
     *                 trained for those features
     */
    public static CountingDino get(String backboneSpec, Device device, Path verifier, Path detector) {
        String spec = backboneSpec == null || backboneSpec.isBlank() ? Backbones.DEFAULT : backboneSpec.trim();
        String key = spec + "@" + DeviceSetting.label(device)
                + (verifier == null ? "" : "+" + verifier.toAbsolutePath())
                + (detector == null ? "" : "+detector " + detector.toAbsolutePath());
        return COUNTERS.computeIfAbsent(key, k -> CountingDino.open(() -> Backbones.open(spec, device),
                VerifiedInstances.readOrBuiltIn(verifier, detector != null),
                detector == null ? null : () -> DetectorFeatures.load(detector)));
    }
}
