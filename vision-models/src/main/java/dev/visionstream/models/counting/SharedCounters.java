package dev.visionstream.models.counting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CountingDino} per backbone setting per JVM, created on first use: a model is loaded once however many
 * stream threads or processors count with it. The pipeline itself is stateless between calls.
 */
public final class SharedCounters {
    private static final Map<String, CountingDino> COUNTERS = new ConcurrentHashMap<>();

    private SharedCounters() {
    }

    public static CountingDino get(String backboneSpec) {
        String key = backboneSpec == null || backboneSpec.isBlank() ? Backbones.DEFAULT : backboneSpec.trim();
        return COUNTERS.computeIfAbsent(key, k -> new CountingDino(Backbones.open(k)));
    }
}
