package dev.visionstream.app.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A pending frame as its batch store keeps it: a length-prefixed JSON envelope (key, timestamp, arrival, headers)
 * followed by the frame as {@link StageInputSerde} writes it, decoded again when a restarted task reads it back.
 */
final class PendingFrameSerde {
    private final StageInputSerde inputs;

    PendingFrameSerde(BoundedImageDecoder decoder) {
        this.inputs = new StageInputSerde(decoder);
    }

    private record HeaderValue(String key, byte[] value) {
    }

    private record Envelope(String key, long timestamp, long arrivedMs, List<HeaderValue> headers) {
    }

    byte[] write(PendingFrame frame) {
        Record<String, StageInput> r = frame.record();
        List<HeaderValue> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new HeaderValue(h.key(), h.value()));
        }
        try {
            byte[] envelope = Json.MAPPER.writeValueAsBytes(new Envelope(r.key(), r.timestamp(), frame.arrivedMs(),
                    headers));
            byte[] input = inputs.serializer().serialize(null, r.value());
            return ByteBuffer.allocate(4 + envelope.length + input.length).putInt(envelope.length).put(envelope)
                    .put(input).array();
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write pending frame", e);
        }
    }

    PendingFrame read(byte[] bytes) {
        int length = ByteBuffer.wrap(bytes).getInt();
        if (length < 0 || length > bytes.length - 4) {
            throw new SerializationException("pending frame envelope length " + length + " out of range");
        }
        try {
            Envelope e = Json.MAPPER.readValue(new String(bytes, 4, length, StandardCharsets.UTF_8), Envelope.class);
            RecordHeaders headers = new RecordHeaders();
            for (HeaderValue h : e.headers()) {
                headers.add(h.key(), h.value());
            }
            StageInput input = inputs.deserializer().deserialize(null, Arrays.copyOfRange(bytes, 4 + length,
                    bytes.length));
            return new PendingFrame(new Record<>(e.key(), input, e.timestamp(), headers), e.arrivedMs());
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot read pending frame: " + e.getMessage(), e);
        }
    }
}
