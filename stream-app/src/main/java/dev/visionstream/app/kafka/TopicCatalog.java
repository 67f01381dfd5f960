package dev.visionstream.app.kafka;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings of every topic in {@link Topics#ALL}, spelled out rather than inherited from broker defaults, so a
 * real cluster and the embedded broker get the same topics.
 *
 * <p>Three families:
 * <ul>
 *   <li><b>frame topics</b> ({@link Topics#FRAMES}, {@link Topics#FRAMES_INPAINTED}): encoded image bytes, already
 *       compressed (JPEG/PNG), so {@code compression.type=producer} (the broker never recompresses; producers send
 *       them uncompressed); {@link #FRAMES_MAX_MESSAGE_BYTES}; short retention ({@link #FRAMES_RETENTION}).</li>
 *   <li><b>JSON event topics</b>: zstd (JSON compresses well), 1 MiB limit, {@link #RESULTS_RETENTION};
 *       {@link Topics#ERRORS} keeps {@link #ERRORS_RETENTION}.</li>
 *   <li><b>{@link Topics#CAMERAS}</b>: per-camera configuration, compacted, one partition.</li>
 * </ul>
 *
 * <p>All per-camera topics share one partition count, since they are keyed by camera id and joined/co-processed by
 * Kafka Streams (co-partitioning needs equal counts). Partitions bound the parallelism: use at least
 * stream threads x instances.
 *
 * <p>Caveat for replays: time-based retention looks at the largest record timestamp in a segment, and records carry
 * capture time. Frames replayed from an old recording are therefore deleted as soon as their segment rolls; the
 * frame topics' {@code segment.ms}/{@code segment.bytes} decide when that is. Replays that must be kept should use a
 * topic of their own or a larger retention.
 */
public final class TopicCatalog {

    /** Default partition count of per-camera topics. */
    public static final int DEFAULT_PARTITIONS = 4;

    /**
     * Topic-level {@code max.message.bytes} of the frame topics: 2 MiB. This bounds a whole record batch, so a single
     * frame must stay below {@link #FRAME_INBAND_MAX_BYTES}; bigger frames go to the artifact store (claim check).
     */
    public static final int FRAMES_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /**
     * Largest encoded frame (value bytes) the ingest producer should send in-band; above it, use the claim check.
     * The producer's {@code max.request.size} must be at least {@link #FRAMES_MAX_MESSAGE_BYTES}.
     */
    public static final int FRAME_INBAND_MAX_BYTES = FRAMES_MAX_MESSAGE_BYTES
            - FrameProducer.RECORD_OVERHEAD_MARGIN_BYTES;
    /** Topic-level {@code max.message.bytes} of the JSON topics (events, keypoints, camera config): 1 MiB. */
    public static final int JSON_MAX_MESSAGE_BYTES = 1024 * 1024;

    public static final Duration FRAMES_RETENTION = Duration.ofHours(1);
    /** Frame segments roll every 15 minutes, so a frame lives between 1 h and 1 h 15 min (plus cleanup delay). */
    public static final Duration FRAMES_SEGMENT = Duration.ofMinutes(15);
    public static final Duration RESULTS_RETENTION = Duration.ofDays(7);
    public static final Duration ERRORS_RETENTION = Duration.ofDays(14);
    /** JSON topics roll daily, so retention is applied with at most a day of slack (the 7-day default doubles it). */
    public static final Duration JSON_SEGMENT = Duration.ofDays(1);

    /** A camera's latest config is kept; older versions may be compacted away once this old. */
    public static final Duration CAMERAS_MIN_COMPACTION_LAG = Duration.ofMinutes(1);
    /** Roll the cameras segment hourly: the active segment is never compacted, so the default 7 days is too long. */
    public static final Duration CAMERAS_SEGMENT = Duration.ofHours(1);
    /** Tombstones (removed cameras) stay a day, long enough for every GlobalKTable to see the delete. */
    public static final Duration CAMERAS_DELETE_RETENTION = Duration.ofDays(1);

    private static final String ZSTD = "zstd";
    private static final String PRODUCER = "producer";

    /** One topic to create: name, partition count, topic-level configs. Replication factor is the cluster's. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec {
            Objects.requireNonNull(name, "name");
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
            }
            configs = Map.copyOf(configs);
        }
    }

    private TopicCatalog() {
    }

    /** Specs for every topic in {@link Topics#ALL}, {@link #DEFAULT_PARTITIONS} partitions per camera topic. */
    public static List<TopicSpec> specs() {
        return specs(DEFAULT_PARTITIONS);
    }

    /** Specs for every topic in {@link Topics#ALL}, in that order, with {@code partitions} per camera topic. */
    public static List<TopicSpec> specs(int partitions) {
        List<TopicSpec> out = new ArrayList<>();
        for (String topic : Topics.ALL) {
            out.add(spec(topic, partitions));
        }
        return List.copyOf(out);
    }

    /** The spec of one known topic. */
    public static TopicSpec spec(String topic, int partitions) {
        return switch (topic) {
            case Topics.FRAMES, Topics.FRAMES_INPAINTED -> new TopicSpec(topic, partitions, frameConfigs());
            // The cameras topic is small, rarely written configuration read in full by every instance as a
            // GlobalKTable, which does not need co-partitioning. One partition keeps one total order of config
            // changes and makes compaction and restore trivial; more partitions would buy nothing.
            case Topics.CAMERAS -> new TopicSpec(topic, 1, camerasConfigs());
            case Topics.ERRORS -> new TopicSpec(topic, partitions, jsonConfigs(ERRORS_RETENTION));
            case Topics.KEYPOINTS_3D, Topics.COUNTS, Topics.INPAINTED, Topics.SPLATS, Topics.POSES,
                    Topics.CAMERA_HEALTH -> new TopicSpec(topic, partitions, jsonConfigs(RESULTS_RETENTION));
            default -> throw new IllegalArgumentException("no catalog entry for topic " + topic);
        };
    }

    private static Map<String, String> frameConfigs() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(FRAMES_MAX_MESSAGE_BYTES));
        c.put(TopicConfig.RETENTION_MS_CONFIG, ms(FRAMES_RETENTION));
        c.put(TopicConfig.SEGMENT_MS_CONFIG, ms(FRAMES_SEGMENT));
        c.put(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(256 * 1024 * 1024));
        c.put(TopicConfig.COMPRESSION_TYPE_CONFIG, PRODUCER);
        // Record timestamp = capture time (event time for windows and joins).
        c.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        return c;
    }

    private static Map<String, String> jsonConfigs(Duration retention) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(JSON_MAX_MESSAGE_BYTES));
        c.put(TopicConfig.RETENTION_MS_CONFIG, ms(retention));
        c.put(TopicConfig.SEGMENT_MS_CONFIG, ms(JSON_SEGMENT));
        c.put(TopicConfig.COMPRESSION_TYPE_CONFIG, ZSTD);
        c.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        return c;
    }

    private static Map<String, String> camerasConfigs() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(JSON_MAX_MESSAGE_BYTES));
        c.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, ms(CAMERAS_MIN_COMPACTION_LAG));
        c.put(TopicConfig.SEGMENT_MS_CONFIG, ms(CAMERAS_SEGMENT));
        c.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, ms(CAMERAS_DELETE_RETENTION));
        c.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1");
        c.put(TopicConfig.COMPRESSION_TYPE_CONFIG, ZSTD);
        return c;
    }

    private static String ms(Duration d) {
        return Long.toString(d.toMillis());
    }
}
