package dev.visionstream.app.bench;

import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.CaptureTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Feeding the same encoded frame through a running service and waiting for its results, for pipeline benchmarks. */
final class BenchFrames {
    private BenchFrames() {
    }

    /** Sends {@code frames} copies of one encoded picture as camera {@code camera}, sequence 0, 1, ... */
    static void produce(Map<String, Object> client, VisionService service, String camera, byte[] encoded,
                        String contentType, int width, int height, int frames) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        try (FrameProducer producer = FrameProducer.create(p, service.artifacts())) {
            for (int i = 0; i < frames; i++) {
                producer.send(new Frame(camera, i, Instant.now(), CaptureTimeSource.HOST, width, height, contentType,
                        encoded));
            }
        }
    }

    /** Waits (at most ten minutes) until {@code counter} reaches {@code expected}. */
    static void await(AtomicLong counter, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (counter.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + counter.get() + " of " + expected + " " + what
                        + " arrived");
            }
            Thread.sleep(20);
        }
    }
}
