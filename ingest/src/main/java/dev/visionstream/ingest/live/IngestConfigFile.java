package dev.visionstream.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The camera list of an ingest process: YAML ({@code .yaml}/{@code .yml}) or JSON, either
 * {@code {"cameras": [ ... ]}} or a bare list, each entry a camera configuration exactly as on the
 * {@code vision.cameras} topic (so the same JSON Schema checks it).
 */
public final class IngestConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private IngestConfigFile() {
    }

    /**
     * @throws IllegalArgumentException naming the file and the camera, when an entry breaks the schema or an id
     *                                  repeats
     */
    public static List<CameraConfig> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper reader = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : Json.MAPPER;
        JsonNode root = reader.readTree(file.toFile());
        JsonNode list = root != null && root.isObject() ? root.get("cameras") : root;
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": expected a list of cameras, or an object with \"cameras\"");
        }
        List<CameraConfig> cameras = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String label = file + ": camera " + (entry.hasNonNull("cameraId") ? entry.get("cameraId").asText()
                    : "#" + (i + 1));
            List<String> violations = EventSchemas.violations(CameraConfig.class, entry);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(label + ": " + String.join("; ", violations));
            }
            CameraConfig config = Json.MAPPER.treeToValue(entry, CameraConfig.class);
            if (!ids.add(config.cameraId())) {
                throw new IllegalArgumentException(label + ": the id appears twice");
            }
            cameras.add(config);
        }
        return cameras;
    }
}
