package dev.visionstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;

/** Reads a test output topic, failing on any event that does not match its JSON Schema. */
public final class ValidatedEvents {
    private ValidatedEvents() {
    }

    public static List<JsonNode> drain(TestOutputTopic<String, String> topic, Class<?> type) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String v : topic.readValuesToList()) {
            JsonNode node = Json.MAPPER.readTree(v);
            assertEquals(List.of(), EventSchemas.violations(type, node), v);
            out.add(node);
        }
        return out;
    }
}
