package dev.visionstream.ingest;

import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces frames to {@link Topics#FRAMES}: key = camera id (per-camera order, one partition per camera), value =
 * the encoded image, timestamp = capture time (so streams windows run on camera time), transport facts in
 * {@link FrameHeaders}.
 *
 * <p>A frame whose bytes exceed the inline limit is claim-checked: the bytes go to the {@link ArtifactStore} and the
 * record carries an empty value plus {@link FrameHeaders#CLAIM_CHECK} and {@link FrameHeaders#CLAIM_CHECK_SHA256}.
 * The value is an empty array rather than null because a null value is a tombstone to Kafka.
 */
public final class FrameProducer implements AutoCloseable {
    /** Kafka's default {@code max.request.size}, which matches the broker's default topic limit. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
    /** Room left in a request for the key, the headers and the record and batch framing. */
    public static final int RECORD_OVERHEAD_MARGIN_BYTES = 16 * 1024;

    private static final HexFormat HEX = HexFormat.of();

    private final Producer<String, byte[]> producer;
    private final ArtifactStore artifacts;
    private final int maxInlineBytes;

    /**
     * @param maxInlineBytes largest value sent inside the record; larger frames are claim-checked. Keep it below
     *                       the producer's {@code max.request.size} by {@link #RECORD_OVERHEAD_MARGIN_BYTES}
     */
    public FrameProducer(Producer<String, byte[]> producer, ArtifactStore artifacts, int maxInlineBytes) {
        if (maxInlineBytes <= 0) {
            throw new IllegalArgumentException("maxInlineBytes must be positive: " + maxInlineBytes);
        }
        this.producer = Objects.requireNonNull(producer, "producer");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.maxInlineBytes = maxInlineBytes;
    }

    /** A producer to {@code bootstrapServers} with {@link #producerSettings} and the default request size. */
    public static FrameProducer connect(String bootstrapServers, ArtifactStore artifacts) {
        Properties overrides = new Properties();
        overrides.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return create(overrides, artifacts);
    }

    /**
     * A {@link KafkaProducer} with {@link #producerSettings} overlaid by {@code overrides} (bootstrap servers,
     * security, a larger {@code max.request.size} where the topic allows it). The inline limit follows the
     * effective {@code max.request.size}.
     */
    public static FrameProducer create(Properties overrides, ArtifactStore artifacts) {
        Properties settings = producerSettings();
        settings.putAll(overrides);
        int maxRequestBytes = Integer.parseInt(settings.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).trim());
        int maxInlineBytes = maxRequestBytes - RECORD_OVERHEAD_MARGIN_BYTES;
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        return new FrameProducer(producer, artifacts, maxInlineBytes);
    }

    /** The settings {@link #create} starts from, without bootstrap servers. */
    public static Properties producerSettings() {
        Properties p = new Properties();
        // a lost or duplicated frame shows up as a sequence gap or a double count downstream
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // frames arrive paced; a few ms of linger batches bursts (replays) without adding visible latency
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        // JPEG and PNG are already compressed: a codec only costs CPU here
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(DEFAULT_MAX_REQUEST_BYTES));
        return p;
    }

    public int maxInlineBytes() {
        return maxInlineBytes;
    }

    /**
     * Sends {@code frame}, claim-checking it first when it is too large to travel inline. The artifact is written
     * before the record is sent, so a consumer never sees a claim check that points at nothing.
     *
     * @return the broker acknowledgement
     * @throws ArtifactException when a large frame cannot be stored (nothing is sent then)
     */
    public Future<RecordMetadata> send(Frame frame) {
        ProducerRecord<String, byte[]> record = toRecord(frame);
        return producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private ProducerRecord<String, byte[]> toRecord(Frame frame) {
        ArtifactRef claimed = frame.bytes().length > maxInlineBytes
                ? artifacts.put(frame.bytes(), frame.contentType()) : null;
        byte[] value = claimed == null ? frame.bytes() : new byte[0];
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.FRAMES, null,
                frame.captureTime().toEpochMilli(), frame.cameraId(), value);
        Headers headers = record.headers();
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, frame.contentType());
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, frame.sequence());
        FrameHeaders.put(headers, FrameHeaders.WIDTH, frame.width());
        FrameHeaders.put(headers, FrameHeaders.HEIGHT, frame.height());
        FrameHeaders.put(headers, FrameHeaders.CAPTURE_TIME_SOURCE, frame.captureTimeSource().headerValue());
        FrameHeaders.put(headers, FrameHeaders.TRACE_ID, newTraceId());
        if (claimed != null) {
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK, claimed.uri());
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256, claimed.sha256());
        }
        return record;
    }

    /** 32 lower-case hex characters, the size of a W3C trace id, so the value can seed a {@code traceparent}. */
    private static String newTraceId() {
        UUID uuid = UUID.randomUUID();
        return HEX.toHexDigits(uuid.getMostSignificantBits()) + HEX.toHexDigits(uuid.getLeastSignificantBits());
    }
}
