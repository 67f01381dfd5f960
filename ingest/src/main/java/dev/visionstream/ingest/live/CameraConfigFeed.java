package dev.visionstream.ingest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@link Topics#CAMERAS} topic from its start and hands every camera configuration to an
 * {@link IngestSupervisor}: that is how cameras are added, changed and removed (a tombstone) at run time. A value
 * that is not valid JSON or breaks the schema gives a {@link ErrorReason#BAD_CONFIG} event and changes nothing.
 */
public final class CameraConfigFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraConfigFeed.class);

    private final KafkaConsumer<String, String> consumer;
    private final IngestSupervisor supervisor;
    private final IngestEvents events;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public CameraConfigFeed(Map<String, Object> client, IngestSupervisor supervisor, IngestEvents events) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.supervisor = supervisor;
        this.events = events;
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CAMERAS).stream()
                .map(info -> new TopicPartition(Topics.CAMERAS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "ingest-camera-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    handle(r.key(), r.value());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    void handle(String cameraId, String json) {
        if (cameraId == null) {
            return;
        }
        if (json == null) {
            supervisor.remove(cameraId);
            return;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            List<String> violations = EventSchemas.violations(CameraConfig.class, tree);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", violations));
            }
            CameraConfig config = Json.MAPPER.treeToValue(tree, CameraConfig.class);
            if (!cameraId.equals(config.cameraId())) {
                throw new IllegalArgumentException("key " + cameraId + " but cameraId " + config.cameraId());
            }
            supervisor.apply(config);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("camera {}: bad configuration ignored: {}", cameraId, e.getMessage());
            events.publish(IngestEvents.error(cameraId, null, ErrorReason.BAD_CONFIG,
                    "configuration on " + Topics.CAMERAS + " ignored by ingest: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
