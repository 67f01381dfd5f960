package dev.visionstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema files shipped in this module ({@code schemas/*.schema.json} on the classpath), and validation
 * against them. Used by the tests for every produced event and at run time for camera configuration.
 */
public final class EventSchemas {
    private static final String BASE = "https://visionstream.dev/schemas/";
    private static final Map<Class<?>, String> FILE_BY_TYPE = Map.of(
            CameraHealthEvent.class, "camera-health",
            ErrorEvent.class, "error",
            CountEvent.class, "count",
            InpaintEvent.class, "inpaint",
            SplatEvent.class, "splat",
            PoseEvent.class, "pose",
            CameraConfig.class, "camera-config",
            Keypoints3dMessage.class, "keypoints3d");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Schema file names (without {@code .schema.json}), one per event type plus the camera config. */
    public static Map<Class<?>, String> files() {
        return FILE_BY_TYPE;
    }

    /** Violations of {@code json} against the schema of {@code type}; empty when valid. */
    public static List<String> violations(Class<?> type, JsonNode json) {
        String name = FILE_BY_TYPE.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no schema for " + type.getName());
        }
        return violations(name, json);
    }

    public static List<String> violations(String schemaName, JsonNode json) {
        JsonSchema schema = CACHE.computeIfAbsent(schemaName,
                n -> FACTORY.getSchema(SchemaLocation.of(BASE + n + ".schema.json"), CONFIG));
        return schema.validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Serialises {@code event} as it goes on the wire and validates that. */
    public static List<String> violationsOf(Object event) {
        return violations(event.getClass(), Json.MAPPER.valueToTree(event));
    }
}
