package dev.visionstream.app.console;

import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.SourceCoordinates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one frame record at the coordinates an event gives, when a page asks for it, and resolves its claim-check
 * in the artifact store. A few pictures are cached, since every open page polls the same latest frame.
 */
final class KafkaFrameLookup implements FrameLookup, AutoCloseable {
    static final int CACHED = 32;
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ArtifactStore artifacts;
    private final Map<SourceCoordinates, Optional<Picture>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourceCoordinates, Optional<Picture>> eldest) {
            return size() > CACHED;
        }
    };

    KafkaFrameLookup(Map<String, Object> client, ArtifactStore artifacts) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.artifacts = artifacts;
    }

    @Override
    public synchronized Optional<Picture> picture(SourceCoordinates at) {
        if (at.topic() == null || at.partition() == null || at.offset() == null) {
            return Optional.empty();
        }
        Optional<Picture> cached = cache.get(at);
        if (cached != null) {
            return cached;
        }
        Optional<Picture> read = read(at);
        if (read.isPresent()) {
            cache.put(at, read); // a miss is not cached: the record may just not be readable yet
        }
        return read;
    }

    private Optional<Picture> read(SourceCoordinates at) {
        TopicPartition tp = new TopicPartition(at.topic(), at.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, at.offset());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                // a compacted, expired or aborted record is skipped by the broker: the next one is another frame
                return r.offset() == at.offset() ? picture(r) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<Picture> picture(ConsumerRecord<byte[], byte[]> r) {
        Headers h = r.headers();
        String contentType = FrameHeaders.string(h, FrameHeaders.CONTENT_TYPE).orElse("application/octet-stream");
        byte[] bytes = r.value();
        Optional<String> claim = FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK);
        if (claim.isPresent()) {
            try {
                bytes = artifacts.get(claim.get(), FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK_SHA256).orElse(""));
            } catch (RuntimeException e) {
                return Optional.empty(); // the stage reports a bad claim; the console just has no picture for it
            }
        }
        return bytes == null || bytes.length == 0 ? Optional.empty() : Optional.of(new Picture(bytes, contentType));
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
