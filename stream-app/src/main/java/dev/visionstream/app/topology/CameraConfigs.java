package dev.visionstream.app.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw JSON of the camera-config topic into {@link CameraConfig}, validated against its schema.
 * Configs change rarely and frames arrive often, so parsed results are cached by their exact text.
 */
public final class CameraConfigs {
    private static final int CACHE_SIZE = 256;

    private final Map<String, CameraConfig> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CameraConfig> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** The parsed config of {@code cameraId}; throws {@link InvalidConfigException} saying what is wrong. */
    public CameraConfig parse(String cameraId, String json) throws InvalidConfigException {
        CameraConfig cached = cache.get(json);
        if (cached != null && cached.cameraId().equals(cameraId)) {
            return cached;
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("camera config of '" + cameraId + "' is not JSON: "
                    + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidConfigException("camera config of '" + cameraId + "' is not a JSON object");
        }
        List<String> violations = EventSchemas.violations(CameraConfig.class, tree);
        if (!violations.isEmpty()) {
            throw new InvalidConfigException("camera config of '" + cameraId + "' violates its schema: "
                    + String.join("; ", violations));
        }
        CameraConfig config = Json.MAPPER.convertValue(tree, CameraConfig.class);
        if (!config.cameraId().equals(cameraId)) {
            throw new InvalidConfigException("camera config keyed '" + cameraId + "' names camera '"
                    + config.cameraId() + "'");
        }
        cache.put(json, config);
        return config;
    }

    public static final class InvalidConfigException extends Exception {
        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
