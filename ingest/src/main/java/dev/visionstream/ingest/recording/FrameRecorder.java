package dev.visionstream.ingest.recording;

import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records frames of chosen cameras and a capture-time range from {@link Topics#FRAMES} into a
 * {@link RecordingWriter}. Each partition is read from the first offset at or after {@code from} (by record
 * timestamp, which is capture time). Claim-checked frames are fetched from the artifact store and stored with
 * their bytes, so the recording is self-contained.
 *
 * <p>A range that is over is recorded up to the end offsets seen at the start; a range that reaches into the
 * future is followed live until the clock passes {@code to} (plus a second of grace for late frames).
 */
public final class FrameRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameRecorder.class);
    private static final long LIVE_GRACE_MS = 1_000;

    private final Map<String, Object> client;
    private final Set<String> cameras;
    private final Instant from;
    private final Instant to;
    private final ArtifactStore artifacts;
    private volatile boolean stopped;
    private long skipped;

    /** @param cameras camera ids to keep; empty keeps every camera */
    public FrameRecorder(Map<String, Object> client, Set<String> cameras, Instant from, Instant to,
                         ArtifactStore artifacts) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        this.client = client;
        this.cameras = Set.copyOf(cameras);
        this.from = from;
        this.to = to;
        this.artifacts = artifacts;
    }

    /** Ends recording after the current poll (Ctrl-C); the writer's owner closes it, completing the segment. */
    public void stop() {
        stopped = true;
    }

    /** Frames left out because their claim-checked bytes could not be fetched. */
    public long skipped() {
        return skipped;
    }

    /** Records until the range is done or {@link #stop()}; returns frames written. */
    public long record(RecordingWriter writer, LongConsumer progress) throws IOException {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long written = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FRAMES).stream()
                    .map(i -> new TopicPartition(Topics.FRAMES, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start == null) {
                    consumer.seek(tp, ends.get(tp)); // nothing at or after `from` yet
                } else {
                    consumer.seek(tp, start.offset());
                }
                pending.add(tp);
            }
            while (!stopped) {
                boolean live = System.currentTimeMillis() <= to.toEpochMilli() + LIVE_GRACE_MS;
                if (!live && pending.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.timestamp() < from.toEpochMilli() || r.timestamp() > to.toEpochMilli()
                            || r.key() == null || (!cameras.isEmpty() && !cameras.contains(r.key()))) {
                        continue;
                    }
                    RecordedFrame frame = toRecorded(r);
                    if (frame != null) {
                        writer.write(frame);
                        progress.accept(++written);
                    }
                }
            }
        }
        return written;
    }

    private RecordedFrame toRecorded(ConsumerRecord<String, byte[]> r) {
        List<RecordedFrame.Header> headers = new ArrayList<>();
        String claim = null;
        String claimSha = null;
        for (Header h : r.headers()) {
            if (h.key().equals(FrameHeaders.CLAIM_CHECK)) {
                claim = new String(h.value(), StandardCharsets.UTF_8);
            } else if (h.key().equals(FrameHeaders.CLAIM_CHECK_SHA256)) {
                claimSha = new String(h.value(), StandardCharsets.UTF_8);
            } else {
                headers.add(new RecordedFrame.Header(h.key(), h.value() == null ? new byte[0] : h.value()));
            }
        }
        byte[] value = r.value() == null ? new byte[0] : r.value();
        if (claim != null) {
            try {
                value = artifacts.get(claim, claimSha);
            } catch (ArtifactException | IllegalArgumentException e) {
                skipped++;
                LOG.warn("frame {}@{} of {} left out: claim check {} unreadable: {}", r.partition(), r.offset(),
                        r.key(), claim, e.getMessage());
                return null;
            }
        }
        return new RecordedFrame(r.key(), r.timestamp(), headers, value);
    }
}
