package dev.visionstream.app.stages.counting;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.PublicationListener;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.counting.CountRequest;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountingStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static CountingDino counter;
    private static SyntheticScene scene;
    private static byte[] scenePng;

    @TempDir
    Path artifactDir;
    private LocalArtifactStore artifacts;
    private TopologyTestSupport topology;
    private TestInputTopic<String, byte[]> frames;
    private TestInputTopic<String, String> cameras;
    private TestOutputTopic<String, String> counts;
    private TestOutputTopic<String, String> errors;

    @BeforeAll
    static void model() throws Exception {
        counter = new CountingDino(new FilterBankBackbone());
        scene = SyntheticScene.generate(7, 320, 240, 12);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scene.image(), "png", png);
        scenePng = png.toByteArray();
    }

    @AfterAll
    static void closeModel() {
        counter.close();
    }

    @BeforeEach
    void start() {
        artifacts = new LocalArtifactStore(artifactDir);
        topology = TopologyTestSupport.start(List.of(new CountingStage(() -> counter, artifacts)), artifacts::get,
                PublicationListener.NONE, artifactDir.resolve("state"), T0);
        frames = topology.frames();
        cameras = topology.cameras();
        counts = topology.output(Topics.COUNTS);
        errors = topology.output(Topics.ERRORS);
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void camera(String id, List<Box> exemplars) throws Exception {
        cameras.pipeInput(id, Json.MAPPER.writeValueAsString(Map.of("cameraId", id,
                "stages", List.of("counting"), "exemplars", exemplars)));
    }

    private void send(String camera, long seq, byte[] png, String exemplarHeader) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, seq);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
        if (exemplarHeader != null) {
            FrameHeaders.put(headers, FrameHeaders.EXEMPLARS, exemplarHeader);
        }
        frames.pipeInput(new TestRecord<>(camera, png, headers, T0.plusMillis(100 * seq)));
    }


    @Test
    void aCountingCameraGetsTheSameCountAsTheLibraryWithPeaksTimingsAndAnOverlay() throws Exception {
        camera("cam-1", scene.exemplars());
        send("cam-1", 1, scenePng, null);
        List<JsonNode> events = drain(counts, CountEvent.class);
        assertEquals(1, events.size());
        assertTrue(errors.isEmpty());
        CountEvent event = Json.MAPPER.treeToValue(events.get(0), CountEvent.class);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(scenePng));
        CountResult library = counter.count(decoded, scene.exemplars());
        assertEquals(library.count(), event.count(), 1e-9, "stage and library agree");
        assertEquals(CountRequest.DEFAULT_ESTIMATOR.label(), event.estimator());
        assertEquals(library.densityCount(), event.densityCount(), 1e-9);
        assertEquals(library.instanceCount(), event.instanceCount());
        assertEquals(library.instances(), event.instances());
        assertEquals(library.verifiedCount(), event.verifiedCount());
        assertEquals(library.verified(), event.verifiedInstances());
        assertEquals(scene.exemplars(), event.exemplars());
        assertEquals("filterbank-thin", event.model().name());
        assertEquals("cpu", event.model().device(), "the event says where the model ran");
        assertEquals(library.peaks().size(), event.peaks().size());
        assertTrue(event.timingsMs().get("backbone") > 0);
        assertTrue(event.timingsMs().containsKey("similarity"));
        assertTrue(event.timingsMs().containsKey("postProcessing"));
        ArtifactRef overlay = event.densityOverlay();
        assertEquals("image/png", overlay.contentType());
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(artifacts.get(overlay)));
        assertEquals(320, picture.getWidth());
    }

    @Test
    void aCameraChoosesItsEstimatorAndAnUnknownOneIsRefusedAtAdmission() throws Exception {
        for (String estimator : List.of("density", "instances", "verified")) {
            cameras.pipeInput("cam-" + estimator, Json.MAPPER.writeValueAsString(java.util.Map.of("cameraId",
                    "cam-" + estimator, "stages", List.of("counting"), "exemplars", scene.exemplars(), "counting",
                    Map.of("estimator", estimator))));
            send("cam-" + estimator, 1, scenePng, null);
        }
        cameras.pipeInput("cam-bad", Json.MAPPER.writeValueAsString(java.util.Map.of("cameraId", "cam-bad",
                "stages", List.of("counting"), "exemplars", scene.exemplars(), "counting",
                Map.of("estimator", "peaks"))));
        send("cam-bad", 1, scenePng, null);
        List<JsonNode> events = drain(counts, CountEvent.class);
        assertEquals(3, events.size());
        CountEvent density = Json.MAPPER.treeToValue(events.get(0), CountEvent.class);
        CountEvent instances = Json.MAPPER.treeToValue(events.get(1), CountEvent.class);
        CountEvent verified = Json.MAPPER.treeToValue(events.get(2), CountEvent.class);
        assertEquals("verified", verified.estimator());
        assertEquals(verified.verifiedCount(), verified.count(), 1e-9);
        assertEquals("density", density.estimator());
        assertEquals(density.densityCount(), density.count(), 1e-9);
        assertEquals("instances", instances.estimator());
        assertEquals(instances.instanceCount(), instances.count(), 1e-9);
        List<JsonNode> errs = drain(errors, ErrorEvent.class);
        assertEquals(1, errs.size());
        assertEquals("BAD_CONFIG", errs.get(0).get("reason").asText());
        assertTrue(errs.get(0).get("message").asText().contains("/counting/estimator"), errs.get(0).toString());
    }

    @Test
    void theExemplarHeaderOverridesTheCameraBoxes() throws Exception {
        camera("cam-2", scene.exemplars());
        Box first = scene.exemplars().get(0);
        String header = Json.MAPPER.writeValueAsString(List.of(first));
        send("cam-2", 1, scenePng, header);
        CountEvent event = Json.MAPPER.treeToValue(drain(counts, CountEvent.class).get(0), CountEvent.class);
        assertEquals(List.of(first), event.exemplars());
        assertEquals(counter.count(scene.image(), List.of(first)).count(), event.count(), 1e-9);
    }

    @Test
    void missingOrBadExemplarsAndTinyFramesBecomeErrorEventsAndTheStreamContinues() throws Exception {
        camera("no-boxes", List.of());
        send("no-boxes", 1, scenePng, null);
        camera("outside", List.of(new Box(1000, 1000, 10, 10)));
        send("outside", 1, scenePng, null);
        camera("cam-3", scene.exemplars());
        send("cam-3", 1, scenePng, "{not json");
        send("cam-3", 2, scenePng, "[{\"x\":1,\"y\":1,\"width\":0,\"height\":5}]");
        Box b = new Box(1, 1, 20, 20);
        send("cam-3", 3, scenePng, Json.MAPPER.writeValueAsString(List.of(b, b, b, b)));
        ByteArrayOutputStream tiny = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "png", tiny);
        send("cam-3", 4, tiny.toByteArray(), null);
        send("cam-3", 5, scenePng, null);

        List<JsonNode> errs = drain(errors, ErrorEvent.class);
        assertEquals(List.of("BAD_CONFIG", "BAD_CONFIG", "BAD_INPUT", "BAD_INPUT", "BAD_INPUT", "BAD_INPUT"),
                errs.stream().map(e -> e.get("reason").asText()).toList());
        assertTrue(errs.get(0).get("message").asText().contains("no exemplar boxes"));
        assertTrue(errs.get(1).get("message").asText().contains("outside"));
        assertTrue(errs.get(2).get("message").asText().contains(FrameHeaders.EXEMPLARS));
        assertTrue(errs.get(3).get("message").asText().contains("zero area"));
        assertTrue(errs.get(4).get("message").asText().contains("at most 3"));
        assertTrue(errs.get(5).get("message").asText().contains("smaller than"));
        assertEquals("counting", errs.get(0).get("stage").asText());
        assertFalse(drain(counts, CountEvent.class).isEmpty(), "the last good frame is still counted");
    }
}
