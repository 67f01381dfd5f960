package dev.visionstream.schemas;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused the event, so a retried or re-processed record gets the same id and
 * consumers can de-duplicate; events with no single cause get random ids.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String stage, SourceCoordinates source, String discriminator) {
        if (source == null || source.offset() == null) {
            return UUID.randomUUID().toString();
        }
        String key = stage + '|' + source.topic() + '|' + source.partition() + '|' + source.offset()
                + '|' + discriminator;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
