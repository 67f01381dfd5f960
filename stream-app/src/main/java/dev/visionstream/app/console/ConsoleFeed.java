package dev.visionstream.app.console;

import dev.visionstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the console shows, as any downstream consumer would: the event topics read_committed (the recent
 * backlog first, so a console started mid-run has history), camera configs from the start of their compacted
 * topic, and 3D keypoints from now on. Frames are not read here: events say where theirs are, and a page's request
 * reads that one ({@link KafkaFrameLookup}), which keeps the console's cost independent of the frame rate. One
 * thread; nothing here touches the stages.
 */
public final class ConsoleFeed implements AutoCloseable {
    /** Events per partition read back when the console starts. */
    static final long BACKLOG = 500;
    static final Duration LAG_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
    private static final Map<String, String> KINDS = Map.of(Topics.CAMERA_HEALTH, "health", Topics.COUNTS, "count",
            Topics.INPAINTED, "inpaint", Topics.SPLATS, "splat", Topics.POSES, "pose", Topics.ERRORS, "error");

    private final ConsoleState state;
    private final String applicationId;
    private final Map<String, Object> client;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong unreadable = new AtomicLong();
    private final List<TopicPartition> framePartitions = new ArrayList<>();

    /** @param applicationId the service's Kafka Streams application id, whose committed offsets give the lag */
    public ConsoleFeed(Map<String, Object> client, String applicationId, ConsoleState state) {
        this.state = state;
        this.applicationId = applicationId;
        this.client = Map.copyOf(client);
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assignAndSeek();
        this.thread = new Thread(this::poll, "console-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void assignAndSeek() {
        List<TopicPartition> all = new ArrayList<>();
        List<TopicPartition> backlog = new ArrayList<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        List<TopicPartition> fromEnd = new ArrayList<>();
        consumer.partitionsFor(Topics.FRAMES).forEach(info -> framePartitions.add(new TopicPartition(Topics.FRAMES,
                info.partition())));
        for (String topic : List.of(Topics.CAMERA_HEALTH, Topics.COUNTS, Topics.INPAINTED, Topics.SPLATS, Topics.POSES,
                Topics.ERRORS, Topics.CAMERAS, Topics.KEYPOINTS_3D)) {
            consumer.partitionsFor(topic).forEach(info -> {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                all.add(tp);
                if (KINDS.containsKey(topic)) {
                    backlog.add(tp);
                } else if (topic.equals(Topics.CAMERAS)) {
                    fromStart.add(tp);
                } else {
                    fromEnd.add(tp);
                }
            });
        }
        consumer.assign(all);
        consumer.seekToBeginning(fromStart);
        consumer.seekToEnd(fromEnd);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(backlog);
        consumer.endOffsets(backlog).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - BACKLOG)));
        // resolve positions now, so nothing produced after construction is skipped
        all.forEach(consumer::position);
    }

    private void poll() {
        long nextLag = 0;
        try (Admin admin = Admin.create(client)) {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        handle(r);
                    } catch (RuntimeException e) {
                        unreadable.incrementAndGet();
                        LOG.debug("console: skipped an unreadable record on {}: {}", r.topic(), e.toString());
                    }
                }
                if (System.currentTimeMillis() >= nextLag) {
                    nextLag = System.currentTimeMillis() + LAG_INTERVAL.toMillis();
                    updateLag(admin);
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

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        String kind = KINDS.get(r.topic());
        if (kind != null) {
            if (r.value() != null) {
                state.event(kind, r.value());
            }
        } else if (r.topic().equals(Topics.CAMERAS)) {
            state.config(key, r.value());
        } else if (r.topic().equals(Topics.KEYPOINTS_3D) && r.value() != null) {
            state.keypoints(key, r.value());
        }
    }

    /** The service's lag per frames partition: end offset less the offset its application id committed. */
    private void updateLag(Admin admin) {
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(framePartitions);
            ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(applicationId);
            Map<TopicPartition, OffsetAndMetadata> committed = result.partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> lag = new HashMap<>();
            ends.forEach((tp, end) -> {
                OffsetAndMetadata c = committed.get(tp);
                lag.put(tp.partition(), Math.max(0, end - (c == null ? 0 : c.offset())));
            });
            state.lag(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.debug("console: lag not available: {}", e.toString());
        }
    }

    /** Records that could not be read as events (they are skipped). */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}
