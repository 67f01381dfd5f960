package dev.visionstream.app.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.schemas.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the event of a publication as JSON, or a frame publication's bytes as they are; publications are never
 * read back, so there is no deserialiser.
 */
final class PublicationSerde implements Serde<Publication> {
    @Override
    public Serializer<Publication> serializer() {
        return (topic, publication) -> {
            if (publication.isFrame()) {
                return publication.frame();
            }
            try {
                return Json.MAPPER.writeValueAsBytes(publication.event());
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + publication.event().getClass().getSimpleName(), e);
            }
        };
    }

    @Override
    public Deserializer<Publication> deserializer() {
        return (topic, bytes) -> {
            throw new SerializationException("publications are write-only: read the topic with the event type's serde");
        };
    }
}
