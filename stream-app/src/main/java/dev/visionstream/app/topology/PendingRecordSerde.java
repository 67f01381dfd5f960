package dev.visionstream.app.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.schemas.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A pending record as its batch store keeps it: a length-prefixed JSON envelope (key, timestamp, arrival, headers)
 * followed by the value as the stage's value serde writes it ({@link StageInputSerde} for frames, which decodes the
 * picture again when a restarted task reads it back).
 */
final class PendingRecordSerde<V> {
    private final Serde<V> values;

    PendingRecordSerde(Serde<V> values) {
        this.values = values;
    }

    private record HeaderValue(String key, byte[] value) {
    }

    private record Envelope(String key, long timestamp, long arrivedMs, List<HeaderValue> headers) {
    }

    byte[] write(PendingRecord<V> pending) {
        Record<String, V> r = pending.record();
        List<HeaderValue> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new HeaderValue(h.key(), h.value()));
        }
        try {
            byte[] envelope = Json.MAPPER.writeValueAsBytes(new Envelope(r.key(), r.timestamp(), pending.arrivedMs(),
                    headers));
            byte[] value = values.serializer().serialize(null, r.value());
            return ByteBuffer.allocate(4 + envelope.length + value.length).putInt(envelope.length).put(envelope)
                    .put(value).array();
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write pending record", e);
        }
    }

    PendingRecord<V> read(byte[] bytes) {
        int length = ByteBuffer.wrap(bytes).getInt();
        if (length < 0 || length > bytes.length - 4) {
            throw new SerializationException("pending record envelope length " + length + " out of range");
        }
        try {
            Envelope e = Json.MAPPER.readValue(new String(bytes, 4, length, StandardCharsets.UTF_8), Envelope.class);
            RecordHeaders headers = new RecordHeaders();
            for (HeaderValue h : e.headers()) {
                headers.add(h.key(), h.value());
            }
            V value = values.deserializer().deserialize(null, Arrays.copyOfRange(bytes, 4 + length, bytes.length));
            return new PendingRecord<>(new Record<>(e.key(), value, e.timestamp(), headers), e.arrivedMs());
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot read pending record: " + e.getMessage(), e);
        }
    }
}
