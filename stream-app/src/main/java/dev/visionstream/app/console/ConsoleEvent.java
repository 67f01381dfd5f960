package dev.visionstream.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One event as the console shows it: the service's event JSON untouched, with the console's sequence id (what a
 * browser resumes from), its kind, the camera, rig or track it belongs to, and links to the pictures it refers to.
 *
 * @param id         increasing per console; the SSE event id
 * @param kind       {@code health}, {@code count}, {@code inpaint}, {@code splat}, {@code pose} or {@code error}
 * @param key        camera id, rig id or track id; null for an error without a camera
 * @param receivedAt when the console read it
 * @param event      the event as published
 * @param links      console URLs of the pictures and data that go with it
 */
public record ConsoleEvent(long id, String kind, String key, Instant receivedAt, JsonNode event,
                           Map<String, Object> links) {
    public ConsoleEvent {
        links = Map.copyOf(links);
    }

    /** This event as a Server-Sent Events message, serialised once for every browser that gets it. */
    public SseMessage sseMessage() {
        try {
            // compact JSON holds no line break, so it is one data line
            String text = "id: " + id + "\nevent: " + kind + "\ndata: " + Json.MAPPER.writeValueAsString(this)
                    + "\n\n";
            return new SseMessage(id, text.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a console event is always JSON", e);
        }
    }

    /** One SSE message as written to the wire: its id, then its bytes ({@code id}, {@code event}, {@code data}). */
    public record SseMessage(long id, byte[] bytes) {
    }
}
