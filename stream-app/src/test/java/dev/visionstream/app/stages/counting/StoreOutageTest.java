package dev.visionstream.app.stages.counting;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.PublicationListener;
import dev.visionstream.app.topology.StoreOutageException;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.ArtifactException.Reason;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store outage aborts the input's processing (the exception leaves the topology, so under exactly-once the
 * transaction aborts and the input is read again) instead of becoming an error event that commits the input; a bad
 * reference still becomes an error event.
 */
class StoreOutageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;
    private FlakyStore store;
    private CountingDino counter;
    private TopologyTestSupport topology;
    private TestOutputTopic<String, String> counts;
    private TestOutputTopic<String, String> errors;
    private byte[] png;
    private SyntheticScene scene;

    /** The local store, failing every call with {@code failure} while it is set. */
    private static final class FlakyStore implements ArtifactStore {
        private final LocalArtifactStore local;
        private Reason failure;

        FlakyStore(Path root) {
            local = new LocalArtifactStore(root);
        }

        private void check() {
            if (failure != null) {
                throw new ArtifactException(failure, "simulated " + failure);
            }
        }

        @Override
        public ArtifactRef put(byte[] bytes, String contentType) {
            check();
            return local.put(bytes, contentType);
        }

        @Override
        public ArtifactRef put(String name, byte[] bytes, String contentType) {
            check();
            return local.put(name, bytes, contentType);
        }

        @Override
        public byte[] get(String uri, String expectedSha256) {
            check();
            return local.get(uri, expectedSha256);
        }
    }

    @BeforeEach
    void start() throws Exception {
        counter = new CountingDino(new FilterBankBackbone());
        scene = SyntheticScene.generate(7, 160, 120, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(scene.image(), "png", out);
        png = out.toByteArray();
        store = new FlakyStore(dir.resolve("artifacts"));
        topology = TopologyTestSupport.start(List.of(new CountingStage(() -> counter, store)), store::get,
                PublicationListener.NONE, dir.resolve("state"), T0);
        counts = topology.output(Topics.COUNTS);
        errors = topology.output(Topics.ERRORS);
        topology.cameras().pipeInput("cam-1", Json.MAPPER.writeValueAsString(Map.of("cameraId", "cam-1",
                "stages", List.of("counting"), "exemplars", scene.exemplars())));
    }

    @AfterEach
    void stop() {
        topology.close();
        counter.close();
    }

    private void send(long seq, RecordHeaders headers, byte[] value) {
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, seq);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
        topology.frames().pipeInput(new TestRecord<>("cam-1", value, headers, T0.plusMillis(100 * seq)));
    }

    @Test
    void anOverlayThatCannotBeWrittenAbortsTheInputAndItIsCountedOnceTheStoreIsBack() throws Exception {
        store.failure = Reason.IO;
        RuntimeException e = assertThrows(RuntimeException.class, () -> send(1, new RecordHeaders(), png));
        assertTrue(StoreOutageException.in(e).isPresent(), e.toString());
        StoreOutageException outage = StoreOutageException.in(e).orElseThrow();
        assertEquals("STAGE_FAILURE", ((ErrorEvent) outage.error().event()).reason().name());
        assertEquals(Topics.ERRORS, outage.error().topic());
        assertTrue(counts.isEmpty(), "no result for the aborted input");
        assertTrue(errors.isEmpty(), "no error event inside the aborted work");

        store.failure = null;
        send(1, new RecordHeaders(), png);
        assertEquals(1, drain(counts, CountEvent.class).size());
    }

    @Test
    void anOutageInsideABatchAbortsTooInsteadOfBecomingAnErrorEvent() throws Exception {
        topology.close();
        topology = TopologyTestSupport.start(List.of(new CountingStage(() -> counter, store,
                new Batching(2, 60_000))), store::get, PublicationListener.NONE, dir.resolve("batched"), T0);
        counts = topology.output(Topics.COUNTS);
        errors = topology.output(Topics.ERRORS);
        topology.cameras().pipeInput("cam-1", Json.MAPPER.writeValueAsString(Map.of("cameraId", "cam-1",
                "stages", List.of("counting"), "exemplars", scene.exemplars())));
        send(1, new RecordHeaders(), png); // waits for a second frame
        store.failure = Reason.IO;
        RuntimeException e = assertThrows(RuntimeException.class, () -> send(2, new RecordHeaders(), png));
        assertTrue(StoreOutageException.in(e).isPresent(), e.toString());
        assertTrue(counts.isEmpty(), "no result inside the aborted work");
        assertTrue(errors.isEmpty(), "no error event inside the aborted work");
    }

    @Test
    void aClaimCheckThatCannotBeReadDuringAnOutageAbortsButABadOneIsAnErrorEvent() throws Exception {
        ArtifactRef claimed = store.put(png, "image/png");
        store.failure = Reason.IO;
        RuntimeException e = assertThrows(RuntimeException.class, () -> send(1, claim(claimed), new byte[0]));
        assertTrue(StoreOutageException.in(e).isPresent(), e.toString());
        assertTrue(errors.isEmpty());

        store.failure = Reason.MISSING;
        send(2, claim(claimed), new byte[0]);
        List<JsonNode> errs = drain(errors, ErrorEvent.class);
        assertEquals(1, errs.size());
        assertEquals("CLAIM_CHECK_INVALID", errs.get(0).get("reason").asText());

        store.failure = null;
        send(3, claim(claimed), new byte[0]);
        assertEquals(1, drain(counts, CountEvent.class).size());
    }

    private static RecordHeaders claim(ArtifactRef ref) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK, ref.uri());
        FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256, ref.sha256());
        return headers;
    }
}
