package dev.visionstream.ingest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import dev.visionstream.schemas.VisionEvent;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IngestEvents} as JSON on Kafka, keyed by camera id like every per-camera topic. Also logged. */
public final class KafkaIngestEvents implements IngestEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestEvents.class);
    private final KafkaProducer<String, String> producer;

    public KafkaIngestEvents(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @Override
    public void publish(VisionEvent event) {
        String topic = event instanceof ErrorEvent ? Topics.ERRORS : Topics.CAMERA_HEALTH;
        LOG.info("{} {}: {}", topic, event.source().cameraId(), describe(event));
        try {
            producer.send(new ProducerRecord<>(topic, null, event.captureTime().toEpochMilli(),
                    event.source().cameraId(), Json.MAPPER.writeValueAsString(event)), (meta, e) -> {
                        if (e != null) {
                            LOG.warn("could not publish {} event of {}: {}", topic, event.source().cameraId(),
                                    e.getMessage());
                        }
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("could not publish {} event of {}: {}", topic, event.source().cameraId(), e.getMessage());
        }
    }

    static String describe(VisionEvent event) {
        if (event instanceof ErrorEvent error) {
            return error.reason() + " " + error.message();
        }
        if (event instanceof CameraHealthEvent health && !health.findings().isEmpty()) {
            return health.findings().get(0).kind() + " " + health.findings().get(0).message();
        }
        return event.toString();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
