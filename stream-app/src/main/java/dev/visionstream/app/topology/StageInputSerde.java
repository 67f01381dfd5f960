package dev.visionstream.app.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.SourceCoordinates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Carries an admitted frame through a repartition topic: a length-prefixed JSON header (camera, source, capture
 * time, sequence, config, content type) followed by the encoded picture, decoded again (within the same pixel
 * limit) on the other side.
 */
final class StageInputSerde implements Serde<StageInput> {
    private final BoundedImageDecoder decoder;

    StageInputSerde(BoundedImageDecoder decoder) {
        this.decoder = decoder;
    }

    private record Header(String cameraId, SourceCoordinates source, Instant captureTime, long sequence,
                          CameraConfig config, String contentType) {
    }

    @Override
    public Serializer<StageInput> serializer() {
        return (topic, in) -> {
            if (in == null) {
                return null;
            }
            try {
                byte[] header = Json.MAPPER.writeValueAsBytes(new Header(in.cameraId(), in.source(),
                        in.captureTime(), in.sequence(), in.config(), in.contentType()));
                return ByteBuffer.allocate(4 + header.length + in.encoded().length).putInt(header.length).put(header)
                        .put(in.encoded()).array();
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write stage input header", e);
            }
        };
    }

    @Override
    public Deserializer<StageInput> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int length = buffer.getInt();
            if (length < 0 || length > bytes.length - 4) {
                throw new SerializationException("stage input header length " + length + " out of range");
            }
            try {
                Header h = Json.MAPPER.readValue(new String(bytes, 4, length, StandardCharsets.UTF_8), Header.class);
                byte[] encoded = new byte[bytes.length - 4 - length];
                buffer.position(4 + length);
                buffer.get(encoded);
                return new StageInput(h.cameraId(), h.source(), h.captureTime(), h.sequence(), h.config(),
                        h.contentType(), encoded, decoder.decode(encoded));
            } catch (JsonProcessingException | ImageDecodeException e) {
                throw new SerializationException("cannot read stage input: " + e.getMessage(), e);
            }
        };
    }
}
