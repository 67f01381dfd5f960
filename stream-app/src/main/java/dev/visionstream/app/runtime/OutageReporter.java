package dev.visionstream.app.runtime;

import dev.visionstream.app.topology.StoreOutageException;
import dev.visionstream.schemas.Json;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the error event of a {@link StoreOutageException} with a plain, non-transactional producer: the task's
 * own transaction is aborted, so an event sent through it would never be seen. Each failed attempt publishes one;
 * they share an event id (derived from the input), so a consumer can count them as one problem. The input itself
 * is processed again once the store is back, and only then are its results committed.
 */
final class OutageReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutageReporter.class);

    private final Map<String, Object> client;
    private KafkaProducer<String, byte[]> producer;

    OutageReporter(Map<String, Object> client) {
        this.client = client;
    }

    /** Publishes the outage's error event when {@code failure} is one; returns whether it was. */
    synchronized boolean report(Throwable failure) {
        return StoreOutageException.in(failure).map(outage -> {
            LOG.warn("{}; the task's transaction is aborted and the input will be processed again",
                    outage.getMessage());
            try {
                producer().send(new ProducerRecord<>(outage.error().topic(), outage.key(),
                        Json.MAPPER.writeValueAsBytes(outage.error().event())));
            } catch (Exception e) {
                LOG.warn("could not publish the store outage's error event: {}", e.toString());
            }
            return true;
        }).orElse(false);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
