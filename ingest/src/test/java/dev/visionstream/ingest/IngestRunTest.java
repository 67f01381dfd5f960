package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.FrameHeaders;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestRunTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path storeRoot;

    private final MockProducer<String, byte[]> mock =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void sendsEveryFrameInOrderAndLeavesClosingToTheOwner() throws Exception {
        ListFrameSource source = new ListFrameSource(6, OptionalDouble.of(30), T0);
        FrameProducer producer = producer();

        long sent = new IngestRun(source, producer).run();

        assertEquals(6, sent);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), mock.history().stream()
                .map(r -> FrameHeaders.number(r.headers(), FrameHeaders.SEQUENCE).orElseThrow()).toList());
        assertFalse(source.closed);
        assertFalse(mock.closed());
    }

    @Test
    void stopsAtTheFrameLimitWithoutReadingFurther() throws Exception {
        ListFrameSource source = new ListFrameSource(10, OptionalDouble.of(30), T0);

        long sent = new IngestRun(source, producer(), Pacing.AS_FAST_AS_POSSIBLE, 3, FrameSentListener.NONE).run();

        assertEquals(3, sent);
        assertEquals(3, mock.history().size());
        assertEquals(3, source.reads, "no frame is decoded only to be dropped");
    }

    @Test
    void listenerSeesEachSentFrameWithItsDelivery() throws Exception {
        List<Long> seen = new ArrayList<>();
        FrameSentListener listener = (frame, delivery) -> {
            assertTrue(delivery.isDone(), "the mock acknowledges at once");
            seen.add(frame.sequence());
        };

        new IngestRun(new ListFrameSource(4, OptionalDouble.of(30), T0), producer(), Pacing.AS_FAST_AS_POSSIBLE,
                IngestRun.ALL_FRAMES, listener).run();

        assertEquals(List.of(0L, 1L, 2L, 3L), seen);
    }

    @Test
    void sourceRatePacingTakesAtLeastTheRecordingsDuration() throws Exception {
        // 6 frames at 20 fps span 250 ms of capture time
        ListFrameSource source = new ListFrameSource(6, OptionalDouble.of(20), T0);

        long start = System.nanoTime();
        long sent = new IngestRun(source, producer(), Pacing.SOURCE_RATE, IngestRun.ALL_FRAMES,
                FrameSentListener.NONE).run();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(6, sent);
        assertTrue(elapsedMs >= 250, "paced run took only " + elapsedMs + " ms");
    }

    @Test
    void pacingASourceWithoutFrameRateIsRefused() {
        ListFrameSource source = new ListFrameSource(2, OptionalDouble.empty(), T0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IngestRun(source,
                producer(), Pacing.SOURCE_RATE, IngestRun.ALL_FRAMES, FrameSentListener.NONE));
        assertTrue(e.getMessage().contains("cam-l"), e.getMessage());
    }

    @Test
    void emptySourceSendsNothing() throws Exception {
        assertEquals(0, new IngestRun(new ListFrameSource(0, OptionalDouble.of(5), T0), producer()).run());
        assertTrue(mock.history().isEmpty());
    }

    private FrameProducer producer() {
        return new FrameProducer(mock, new LocalArtifactStore(storeRoot), 1024);
    }
}
