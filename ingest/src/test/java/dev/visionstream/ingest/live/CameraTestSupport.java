package dev.visionstream.ingest.live;

import dev.visionstream.ingest.FrameEncoder;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.LocalArtifactStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.ffmpeg.global.avutil;

/** Frames, producers and waiting for the live-ingest tests. */
final class CameraTestSupport {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private CameraTestSupport() {
    }

    /** {@code count} distinct JPEG frames: a bright square moving over a gradient. */
    static List<byte[]> jpegs(int count, int width, int height) {
        FrameEncoder encoder = new FrameEncoder(0.8f, 0);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(40, 90, 160));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            int side = height / 4;
            g.fillRect((i * 7) % (width - side), height / 3, side, side);
            g.dispose();
            out.add(encoder.encode(image).bytes());
        }
        return out;
    }

    /** A mock producer whose every send takes {@code sendMillis}: a slow consumer side. */
    static MockProducer<String, byte[]> producer(long sendMillis) {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(
                    ProducerRecord<String, byte[]> record) {
                if (sendMillis > 0) {
                    try {
                        TimeUnit.MILLISECONDS.sleep(sendMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.send(record);
            }
        };
    }

    static FrameProducer frameProducer(MockProducer<String, byte[]> mock, Path artifacts) {
        return new FrameProducer(mock, new LocalArtifactStore(artifacts), 1_000_000);
    }

    static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        await(condition, timeoutMillis, () -> what);
    }

    static void await(BooleanSupplier condition, long timeoutMillis, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what.get());
    }
}
