package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameProducerTest {
    private static final Instant CAPTURED = Instant.parse("2024-06-01T09:30:00.123Z");
    private static final int MAX_INLINE = 1_000;

    @TempDir
    Path storeRoot;

    private final MockProducer<String, byte[]> mock =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void smallFrameTravelsInlineKeyedByCameraAndStampedWithCaptureTime() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(storeRoot);
        byte[] jpeg = randomBytes(MAX_INLINE);
        try (FrameProducer producer = new FrameProducer(mock, store, MAX_INLINE)) {
            producer.send(frame(7, jpeg)).get();
        }

        ProducerRecord<String, byte[]> record = mock.history().get(0);
        assertEquals(Topics.FRAMES, record.topic());
        assertEquals("cam-9", record.key());
        assertEquals(CAPTURED.toEpochMilli(), record.timestamp());
        assertArrayEquals(jpeg, record.value());
        Headers h = record.headers();
        assertEquals(Optional.of("image/jpeg"), FrameHeaders.string(h, FrameHeaders.CONTENT_TYPE));
        assertEquals(7, FrameHeaders.number(h, FrameHeaders.SEQUENCE).orElseThrow());
        assertEquals(640, FrameHeaders.number(h, FrameHeaders.WIDTH).orElseThrow());
        assertEquals(480, FrameHeaders.number(h, FrameHeaders.HEIGHT).orElseThrow());
        assertEquals(CaptureTimeSource.CONTAINER,
                CaptureTimeSource.fromHeader(FrameHeaders.string(h, FrameHeaders.CAPTURE_TIME_SOURCE).orElseThrow()));
        assertTrue(FrameHeaders.string(h, FrameHeaders.TRACE_ID).orElseThrow().matches("[0-9a-f]{32}"));
        assertTrue(FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK).isEmpty());
        assertTrue(FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK_SHA256).isEmpty());
        assertTrue(Files.notExists(storeRoot.resolve("sha256")), "nothing stored for an inline frame");
        assertTrue(mock.closed());
    }

    @Test
    void oversizedFrameIsClaimCheckedWithAnEmptyValueAndItsChecksum() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(storeRoot);
        byte[] jpeg = randomBytes(MAX_INLINE + 1);
        try (FrameProducer producer = new FrameProducer(mock, store, MAX_INLINE)) {
            producer.send(frame(8, jpeg)).get();
        }

        ProducerRecord<String, byte[]> record = mock.history().get(0);
        assertNotNull(record.value(), "a null value would be a tombstone");
        assertEquals(0, record.value().length);
        assertEquals("cam-9", record.key());
        Headers h = record.headers();
        String uri = FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK).orElseThrow();
        String sha = FrameHeaders.string(h, FrameHeaders.CLAIM_CHECK_SHA256).orElseThrow();
        assertEquals(LocalArtifactStore.sha256Hex(jpeg), sha);
        assertTrue(uri.startsWith("artifact://sha256/"), uri);
        assertArrayEquals(jpeg, store.get(uri, sha), "the consumer's view: claimed bytes verify against the header");
        assertEquals(Optional.of("image/jpeg"), FrameHeaders.string(h, FrameHeaders.CONTENT_TYPE));
        assertEquals(8, FrameHeaders.number(h, FrameHeaders.SEQUENCE).orElseThrow());
    }

    @Test
    void everyFrameGetsItsOwnTraceId() {
        try (FrameProducer producer = new FrameProducer(mock, new LocalArtifactStore(storeRoot), MAX_INLINE)) {
            producer.send(frame(0, new byte[10]));
            producer.send(frame(1, new byte[10]));
        }
        assertNotEquals(FrameHeaders.string(mock.history().get(0).headers(), FrameHeaders.TRACE_ID),
                FrameHeaders.string(mock.history().get(1).headers(), FrameHeaders.TRACE_ID));
    }

    @Test
    void failedClaimCheckSendsNothing() throws Exception {
        Path notAFolder = Files.writeString(storeRoot.resolve("file"), "x");
        try (FrameProducer producer = new FrameProducer(mock, new LocalArtifactStore(notAFolder), MAX_INLINE)) {
            ArtifactException e = assertThrows(ArtifactException.class,
                    () -> producer.send(frame(0, randomBytes(MAX_INLINE * 2))));
            assertEquals(ArtifactException.Reason.IO, e.reason());
        }
        assertTrue(mock.history().isEmpty());
    }

    @Test
    void brokerFailureSurfacesThroughTheFuture() {
        MockProducer<String, byte[]> manual =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        try (FrameProducer producer = new FrameProducer(manual, new LocalArtifactStore(storeRoot), MAX_INLINE)) {
            Future<RecordMetadata> delivery = producer.send(frame(0, new byte[10]));
            manual.errorNext(new RecordTooLargeException("too large"));
            ExecutionException e = assertThrows(ExecutionException.class, delivery::get);
            assertTrue(e.getCause() instanceof RecordTooLargeException);
        }
    }

    @Test
    void flushReachesTheProducer() {
        try (FrameProducer producer = new FrameProducer(mock, new LocalArtifactStore(storeRoot), MAX_INLINE)) {
            producer.flush();
            assertTrue(mock.flushed());
        }
    }

    @Test
    void defaultSettingsSuitAlreadyCompressedFramesAndNoLoss() {
        Properties p = FrameProducer.producerSettings();
        assertEquals("all", p.getProperty(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", p.getProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("none", p.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        int maxRequest = Integer.parseInt(p.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertEquals(FrameProducer.DEFAULT_MAX_REQUEST_BYTES, maxRequest);
    }

    @Test
    void inlineLimitFollowsTheConfiguredRequestSize() {
        Properties overrides = new Properties();
        overrides.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        overrides.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304");
        try (FrameProducer producer = FrameProducer.create(overrides, new LocalArtifactStore(storeRoot))) {
            assertEquals(4_194_304 - FrameProducer.RECORD_OVERHEAD_MARGIN_BYTES, producer.maxInlineBytes());
        }
    }

    private static Frame frame(long sequence, byte[] bytes) {
        return new Frame("cam-9", sequence, CAPTURED, CaptureTimeSource.CONTAINER, 640, 480, "image/jpeg", bytes);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
