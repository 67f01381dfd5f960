package dev.visionstream.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleHistoryTest {
    private static void add(ConsoleHistory h, String kind, String key) {
        h.append(kind, key, JsonNodeFactory.instance.objectNode(), Map.of());
    }

    @Test
    void aBusyCameraDoesNotPushOutAQuietOnesHistory() {
        ConsoleHistory h = new ConsoleHistory(3, 10);
        add(h, "health", "quiet");
        for (int i = 0; i < 100; i++) {
            add(h, "health", "busy");
        }
        assertNotNull(h.latest("health", "quiet"));
        assertEquals(4, h.since(0).size(), "3 of the busy camera, 1 of the quiet one");
        assertEquals(List.of(1L, 99L, 100L, 101L), h.since(0).stream().map(ConsoleEvent::id).toList());
    }

    @Test
    void theKeyQuietLongestGoesWhenThereAreTooMany() {
        ConsoleHistory h = new ConsoleHistory(5, 2);
        add(h, "pose", "a");
        add(h, "pose", "b");
        add(h, "pose", "a");
        add(h, "pose", "c");
        assertEquals(null, h.latest("pose", "b"));
        assertNotNull(h.latest("pose", "a"));
        assertNotNull(h.latest("pose", "c"));
    }
}
