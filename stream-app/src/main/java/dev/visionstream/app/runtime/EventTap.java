package dev.visionstream.app.runtime;

import java.time.Duration;
import java.util.ArrayList;
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

/**
 * A downstream consumer's view of result topics: read_committed (only what the topology committed), starting at
 * the current end so only new events are seen, delivered on its own thread.
 */
public final class EventTap implements AutoCloseable {
    /** Receives each event with the wall-clock time it was read. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(String topic, String key, String json, long receivedAtMs);
    }

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public EventTap(Map<String, Object> client, List<String> topics, Listener listener) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end offsets now, so events produced after construction are never skipped
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> poll(listener), "event-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Listener listener) {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    listener.onEvent(r.topic(), r.key(), r.value(), System.currentTimeMillis());
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

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
