package dev.visionstream.app.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes camera configurations to the compacted camera-config topic; the running topology picks them up. */
public final class CameraRegistry {
    private CameraRegistry() {
    }

    public static void publish(Map<String, Object> client, CameraConfig... configs)
            throws InterruptedException, ExecutionException {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (CameraConfig config : configs) {
                producer.send(new ProducerRecord<>(Topics.CAMERAS, config.cameraId(), json(config))).get();
            }
        }
    }

    private static String json(CameraConfig config) {
        try {
            return Json.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write config of " + config.cameraId(), e);
        }
    }
}
