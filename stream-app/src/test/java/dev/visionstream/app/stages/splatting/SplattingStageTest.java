package dev.visionstream.app.stages.splatting;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.splatting.LocalGaussians;
import dev.visionstream.models.splatting.Mat3;
import dev.visionstream.models.splatting.Pose;
import dev.visionstream.models.splatting.SceneArtifacts;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.SplatPredictor;
import dev.visionstream.models.splatting.SplatView;
import dev.visionstream.models.splatting.StereoSplatPredictor;
import dev.visionstream.models.splatting.ViewCamera;
import dev.visionstream.models.splatting.ViewPredictions;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.ModelInfo;
import dev.visionstream.schemas.SplatEvent;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplattingStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int W = 96;
    private static final int H = 64;
    private static final String K = "[100,0,47.5,0,100,31.5,0,0,1]";
    private static final String RIG_CAMERA = "{\"cameraId\":\"%s\",\"stages\":[\"splatting\"],\"rigId\":\"rig-1\","
            + "\"viewIndex\":%d,\"camera\":{\"k\":" + K + ",\"camToWorld\":[1,0,0,%s,0,1,0,0,0,0,1,0,0,0,0,1]},"
            + "\"rig\":{\"views\":2,\"toleranceMs\":40,\"timeoutMs\":500}}";

    @TempDir
    Path artifactsDir;
    private LocalArtifactStore artifacts;
    private TopologyTestSupport topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> frameTopic;
    private TestInputTopic<String, String> cameraTopic;
    private TestOutputTopic<String, String> splatTopic;
    private TestOutputTopic<String, String> errorTopic;
    private final BufferedImage[] pair = texturedPair(3);

    /** A textured plane seen by two parallel cameras: the right view is the left shifted by 4 pixels. */
    private static BufferedImage[] texturedPair(int disparity) {
        Random random = new Random(11);
        int[] texture = new int[(W + 16) * H];
        for (int i = 0; i < texture.length; i++) {
            texture[i] = random.nextInt(0xffffff);
        }
        BufferedImage left = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        BufferedImage right = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                left.setRGB(x, y, texture[y * (W + 16) + x + 8]);
                right.setRGB(x, y, texture[y * (W + 16) + x + 8 + disparity]);
            }
        }
        return new BufferedImage[] {left, right};
    }

    @BeforeEach
    void start() {
        artifacts = new LocalArtifactStore(artifactsDir);
        SplattingStage stage = new SplattingStage(artifacts, new SplatPipeline(new StereoSplatPredictor()),
                Duration.ofMillis(100));
        topology = TopologyTestSupport.start(List.of(stage), artifactsDir.resolve("state"), T0);
        driver = topology.driver();
        frameTopic = topology.frames();
        cameraTopic = topology.cameras();
        splatTopic = topology.output(Topics.SPLATS);
        errorTopic = topology.output(Topics.ERRORS);
        cameraTopic.pipeInput("left", RIG_CAMERA.formatted("left", 0, "0"));
        cameraTopic.pipeInput("right", RIG_CAMERA.formatted("right", 1, "0.1"));
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void send(String camera, BufferedImage image, long captureOffsetMs) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, 1);
        frameTopic.pipeInput(new TestRecord<>(camera, png.toByteArray(), headers, T0.plusMillis(captureOffsetMs)));
    }


    @Test
    void bothViewsOfARigBecomeOneSceneIdenticalToTheLibrarysOutput() throws Exception {
        send("left", pair[0], 0);
        send("right", pair[1], 20);
        List<JsonNode> scenes = drain(splatTopic, SplatEvent.class);
        assertEquals(List.of(), drain(errorTopic, ErrorEvent.class));
        assertEquals(1, scenes.size());
        JsonNode e = scenes.get(0);
        assertEquals("rig-1", e.get("rigId").asText());
        assertEquals(StereoSplatPredictor.INFO.name(), e.at("/model/name").asText());
        assertEquals(2, e.get("viewCount").asInt());
        assertEquals(2 * W * H, e.get("gaussiansBeforePruning").asLong());
        assertTrue(e.get("gaussians").asLong() > W * H, e.toString());
        assertEquals(0.1, e.get("scale").asDouble(), 1e-9);
        assertEquals(List.of("left", "right"), List.of(e.at("/views/0/cameraId").asText(),
                e.at("/views/1/cameraId").asText()));
        // view 1 sits one unit (the normalised baseline) to the right of view 0
        assertEquals(1.0, e.at("/poses/1/3").asDouble(), 1e-9);
        byte[] ply = artifacts.get(e.at("/scene/uri").asText(), e.at("/scene/sha256").asText());
        ViewCamera left = new ViewCamera(new double[] {100, 0, 47.5, 0, 100, 31.5, 0, 0, 1}, Pose.identity(), null);
        ViewCamera right = left.withPose(new Pose(Mat3.identity(), new double[] {0.1, 0, 0}));
        byte[] library = SceneArtifacts.ply(new SplatPipeline(new StereoSplatPredictor()).build(
                List.of(new SplatView(pair[0], left), new SplatView(pair[1], right)), Set.of()));
        assertArrayEquals(library, ply);
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(
                artifacts.get(e.at("/preview/uri").asText(), e.at("/preview/sha256").asText())));
        assertEquals(W, preview.getWidth());
    }

    @Test
    void aMissingViewTimesOutWithTheViewListed() throws Exception {
        send("left", pair[0], 0);
        assertTrue(splatTopic.isEmpty());
        driver.advanceWallClockTime(Duration.ofMillis(600));
        List<JsonNode> errors = drain(errorTopic, ErrorEvent.class);
        assertEquals(1, errors.size());
        assertEquals("BAD_INPUT", errors.get(0).get("reason").asText());
        assertTrue(errors.get(0).get("message").asText().contains("missing [1]"), errors.get(0).toString());
        assertTrue(splatTopic.isEmpty());
    }

    @Test
    void aSceneWhoseMissingViewMovedOnClosesIncompleteAndAnOlderFrameOfACameraIsLate() throws Exception {
        send("left", pair[0], 0);
        send("right", pair[1], 100); // outside the 40 ms tolerance: view 1 moved past the first scene
        List<JsonNode> incomplete = drain(errorTopic, ErrorEvent.class);
        assertEquals(1, incomplete.size());
        assertTrue(incomplete.get(0).get("message").asText().contains("missing [1]"), incomplete.get(0).toString());
        send("left", pair[0], 110);
        assertEquals(1, drain(splatTopic, SplatEvent.class).size());
        send("right", pair[1], 300);
        send("right", pair[1], 250); // older than this camera's last frame
        List<JsonNode> late = drain(errorTopic, ErrorEvent.class);
        assertEquals(1, late.size());
        assertTrue(late.get(0).get("message").asText().contains("late"), late.get(0).toString());
    }

    @Test
    void camerasDriftingApartStillFormWholeScenesInOrder() throws Exception {
        // a backlog worked off camera by camera: the left view runs five rounds ahead of the right one
        for (int round = 0; round < 5; round++) {
            send("left", pair[0], 100L * round);
        }
        assertTrue(splatTopic.isEmpty());
        for (int round = 0; round < 5; round++) {
            send("right", pair[1], 100L * round + 5);
        }
        List<JsonNode> scenes = drain(splatTopic, SplatEvent.class);
        assertEquals(List.of(), drain(errorTopic, ErrorEvent.class));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), scenes.stream()
                .map(e -> Instant.parse(e.get("captureTime").asText()).toEpochMilli() - T0.toEpochMilli()).toList());
        for (JsonNode e : scenes) {
            assertEquals(2, e.get("viewCount").asInt(), e.toString());
        }
    }

    @Test
    void aRigWithAViewNoCameraServesIsUnknownAndTwoCamerasOnOneViewAreABadConfig() throws Exception {
        cameraTopic.pipeInput("lone", RIG_CAMERA.formatted("lone", 0, "0").replace("rig-1", "ghost-rig"));
        send("lone", pair[0], 0);
        List<JsonNode> unknown = drain(errorTopic, ErrorEvent.class);
        assertEquals(1, unknown.size());
        assertEquals("UNKNOWN_RIG", unknown.get(0).get("reason").asText());
        assertTrue(unknown.get(0).get("message").asText().contains("view(s) [1]"), unknown.get(0).toString());

        cameraTopic.pipeInput("twin", RIG_CAMERA.formatted("twin", 1, "0.1"));
        send("left", pair[0], 1000);
        send("twin", pair[1], 1000);
        List<JsonNode> twins = drain(errorTopic, ErrorEvent.class);
        assertEquals(2, twins.size(), "the rig is ambiguous, so no camera of it is grouped: " + twins);
        assertEquals(List.of("BAD_CONFIG", "BAD_CONFIG"), twins.stream().map(e -> e.get("reason").asText()).toList());
        assertTrue(twins.get(1).get("message").asText().contains("[right, twin]"), twins.get(1).toString());
        assertTrue(splatTopic.isEmpty());
        // nothing was left waiting: no timeout error later
        driver.advanceWallClockTime(Duration.ofMillis(600));
        assertEquals(List.of(), drain(errorTopic, ErrorEvent.class));
    }

    /** Pose-free stand-in for a network: each view one unit further right, Gaussians 2 units ahead. */
    private static final class WalkingPredictor implements SplatPredictor {
        @Override
        public ModelInfo info() {
            return new ModelInfo("walking-test-predictor", "1", "test");
        }

        @Override
        public boolean requiresPoses() {
            return false;
        }

        @Override
        public ViewPredictions predict(List<SplatView> views) {
            List<LocalGaussians> gaussians = new ArrayList<>();
            List<Pose> poses = new ArrayList<>();
            List<double[]> k = new ArrayList<>();
            for (int v = 0; v < views.size(); v++) {
                LocalGaussians g = LocalGaussians.allocate(2, 2);
                for (int i = 0; i < 4; i++) {
                    g.means()[3 * i + 2] = 2;
                    g.scales()[3 * i] = g.scales()[3 * i + 1] = g.scales()[3 * i + 2] = 0.1f;
                    g.rotationsXyzw()[4 * i + 3] = 1;
                    g.opacities()[i] = v == 1 ? 0.001f : 0.9f; // view 1 is pruned away
                }
                gaussians.add(g);
                poses.add(new Pose(Mat3.identity(), new double[] {v + 3, 0, 0}));
                k.add(new double[] {2, 0, 0.5, 0, 2, 0.5, 0, 0, 1});
            }
            return new ViewPredictions(gaussians, poses, k);
        }
    }

    @Test
    void sequenceModeBuildsAScenePerKFramesOfOneCamera() throws Exception {
        topology.close();
        SplattingStage stage = new SplattingStage(artifacts, new SplatPipeline(new WalkingPredictor()),
                Duration.ofMillis(100));
        topology = TopologyTestSupport.start(List.of(stage), artifactsDir.resolve("state-seq"), T0);
        driver = topology.driver();
        frameTopic = topology.frames();
        cameraTopic = topology.cameras();
        splatTopic = topology.output(Topics.SPLATS);
        cameraTopic.pipeInput("drone", "{\"cameraId\":\"drone\",\"stages\":[\"splatting\"],"
                + "\"rig\":{\"views\":3,\"sequence\":true}}");
        for (int i = 0; i < 7; i++) {
            send("drone", pair[i % 2], 1000L * i);
        }
        List<JsonNode> scenes = drain(splatTopic, SplatEvent.class);
        assertEquals(2, scenes.size()); // frames 0–2 and 3–5; frame 6 waits for two more
        JsonNode first = scenes.get(0);
        assertEquals("drone", first.get("rigId").asText());
        assertEquals("walking-test-predictor", first.at("/model/name").asText());
        assertEquals(3, first.get("viewCount").asInt());
        assertEquals(12, first.get("gaussiansBeforePruning").asInt());
        assertEquals(8, first.get("gaussians").asInt());
        // predicted poses are re-anchored to the first frame of the sequence
        assertEquals(0.0, first.at("/poses/0/3").asDouble(), 1e-12);
        assertEquals(2.0, first.at("/poses/2/3").asDouble(), 1e-12);
        assertEquals(3000, Instant.parse(scenes.get(1).get("captureTime").asText()).toEpochMilli() - T0.toEpochMilli());
    }

    @Test
    void badRigInputBecomesErrorEvents() throws Exception {
        cameraTopic.pipeInput("loner", "{\"cameraId\":\"loner\",\"stages\":[\"splatting\"]}");
        send("loner", pair[0], 0);
        List<JsonNode> config = drain(errorTopic, ErrorEvent.class);
        assertEquals("BAD_CONFIG", config.get(0).get("reason").asText());
        // views of different sizes
        send("left", pair[0], 0);
        send("right", new BufferedImage(W / 2, H, BufferedImage.TYPE_INT_RGB), 10);
        List<JsonNode> sizes = drain(errorTopic, ErrorEvent.class);
        assertEquals("BAD_INPUT", sizes.get(0).get("reason").asText());
        assertTrue(sizes.get(0).get("message").asText().contains("differ in size"), sizes.get(0).toString());
        // a pose that is not a rotation
        cameraTopic.pipeInput("right", RIG_CAMERA.formatted("right", 1, "0.1").replace("[1,0,0,0.1", "[2,0,0,0.1"));
        send("left", pair[0], 1000);
        send("right", pair[1], 1000);
        JsonNode pose = drain(errorTopic, ErrorEvent.class).get(0);
        assertTrue(pose.get("message").asText().contains("not a rotation"), pose.toString());
    }
}
