package dev.visionstream.app.cli;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.app.topology.PublicationListener;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.DetectorFeatures;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.counting.VerifiedInstances;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the detector's features, the library, the CLI and the stage give the same count for the same input. */
class CountDetectorAgreementTest {
    private static final Path DETECTOR = Path.of("..", "target", "assets", "counting-detector").toAbsolutePath()
            .normalize();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void libraryCliAndStageAgree() throws Exception {
        assumeTrue(Files.isRegularFile(DETECTOR.resolve(DetectorFeatures.MODEL_FILE)),
                "the detector is not fetched into " + DETECTOR + ": run scripts/fetch-counting-detector.sh");
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        Path image = dir.resolve("scene.png");
        ImageIO.write(scene.image(), "png", image.toFile());
        CountResult library;
        CountResult without;
        try (CountingDino counter = new CountingDino(new FilterBankBackbone(), VerifiedInstances.builtIn(true),
                DetectorFeatures.load(DETECTOR));
             CountingDino plain = new CountingDino(new FilterBankBackbone())) {
            library = counter.count(ImageIO.read(image.toFile()), scene.exemplars());
            without = plain.count(ImageIO.read(image.toFile()), scene.exemplars());
        }
        assertTrue(library.verifiedCount() > 0, library.toString());
        assertNotEquals(without.verified(), library.verified(), "the detector's features change the judgement");

        List<String> args = new ArrayList<>(List.of("count", "--image", image.toString(), "--json", "--detector",
                DETECTOR.toString()));
        for (Box b : scene.exemplars()) {
            args.addAll(List.of("--exemplar", b.x() + "," + b.y() + "," + b.width() + "," + b.height()));
        }
        CliRun cli = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode printed = Json.MAPPER.readTree(cli.out());
        assertEquals(library.count(), printed.get("count").asDouble(), 1e-9, "CLI and library agree");
        assertEquals(library.verifiedCount(), printed.get("verifiedCount").asInt());

        Properties properties = new Properties();
        properties.setProperty(StageSettings.Key.COUNTING_DETECTOR.property, DETECTOR.toString());
        properties.setProperty(StageSettings.Key.COUNTING_OVERLAYS.property, "false");
        LocalArtifactStore artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        try (TopologyTestSupport topology = TopologyTestSupport.start(List.of(CountingStage.of(artifacts,
                StageSettings.from(Map.of(), properties))), artifacts::get, PublicationListener.NONE,
                dir.resolve("state"), T0)) {
            topology.cameras().pipeInput("cam-1", Json.MAPPER.writeValueAsString(Map.of("cameraId", "cam-1",
                    "stages", List.of("counting"), "exemplars", scene.exemplars())));
            RecordHeaders headers = new RecordHeaders();
            FrameHeaders.put(headers, FrameHeaders.SEQUENCE, 1L);
            FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
            topology.frames().pipeInput(new TestRecord<>("cam-1", Files.readAllBytes(image), headers, T0));
            TestOutputTopic<String, String> counts = topology.output(Topics.COUNTS);
            List<JsonNode> events = drain(counts, CountEvent.class);
            assertEquals(1, events.size(), "errors: " + topology.output(Topics.ERRORS).readValuesToList());
            CountEvent event = Json.MAPPER.treeToValue(events.get(0), CountEvent.class);
            assertEquals(library.count(), event.count(), 1e-9, "stage and library agree");
            assertEquals(library.verified(), event.verifiedInstances());
        }
    }
}
