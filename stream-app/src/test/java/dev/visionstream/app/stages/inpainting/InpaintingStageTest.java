package dev.visionstream.app.stages.inpainting;

import static dev.visionstream.app.topology.ValidatedEvents.drain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.app.topology.PublicationListener;
import dev.visionstream.app.topology.TopologyTestSupport;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.InpaintEvent;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InpaintingStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path dir;
    private LocalArtifactStore artifacts;
    private TopologyTestSupport topology;
    private TestInputTopic<String, byte[]> frames;
    private TestInputTopic<String, String> cameras;
    private TestOutputTopic<String, String> inpainted;
    private TestOutputTopic<String, byte[]> inpaintedFrames;
    private TestOutputTopic<String, String> errors;

    private void start(Path weights) {
        start(weights, Batching.NONE);
    }

    private void start(Path weights, Batching batching) {
        artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        topology = TopologyTestSupport.start(List.of(new InpaintingStage(artifacts, weights, DeviceSetting.CPU,
                batching)), artifacts::get, PublicationListener.NONE, dir.resolve("state"), T0);
        TopologyTestDriver driver = topology.driver();
        frames = topology.frames();
        cameras = topology.cameras();
        inpainted = topology.output(Topics.INPAINTED);
        inpaintedFrames = driver.createOutputTopic(Topics.FRAMES_INPAINTED, new StringDeserializer(),
                new ByteArrayDeserializer());
        errors = topology.output(Topics.ERRORS);
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static BufferedImage picture(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 4 + random.nextInt(20)) & 0xff;
                int g = (y * 5 + random.nextInt(20)) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | ((r + g) / 2));
            }
        }
        return image;
    }

    private static InpaintMask box(int w, int h, int x0, int y0, int x1, int y1) {
        boolean[] holes = new boolean[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                holes[y * w + x] = true;
            }
        }
        return new InpaintMask(w, h, holes);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private ArtifactRef storeMask(InpaintMask mask) throws Exception {
        return artifacts.put(png(mask.toImage()), "image/png");
    }

    private void camera(String id, String maskUri, String method) {
        String mask = maskUri == null ? "" : ",\"maskUri\":\"" + maskUri + "\"";
        String settings = method == null ? "" : ",\"inpainting\":{\"method\":\"" + method + "\"}";
        cameras.pipeInput(id, "{\"cameraId\":\"" + id + "\",\"stages\":[\"inpainting\"]" + mask + settings + "}");
    }

    private void send(String camera, long seq, byte[] bytes, RecordHeaders extra) {
        RecordHeaders headers = extra == null ? new RecordHeaders() : extra;
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, seq);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/png");
        frames.pipeInput(new TestRecord<>(camera, bytes, headers, T0.plusMillis(100 * seq)));
    }


    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The stage's output against the library call the CLI makes, for the same input. */
    private void assertStageMatchesLibrary(InpaintMethod method, Path weights) throws Exception {
        BufferedImage image = picture(W, H, 3);
        InpaintMask mask = box(W, H, 20, 10, 40, 30);
        camera("cam-1", storeMask(mask).uri(), method.id());
        send("cam-1", 7, png(image), null);

        List<JsonNode> events = drain(inpainted, InpaintEvent.class);
        assertEquals(1, events.size(), () -> errors.readValuesToList().toString());
        JsonNode event = events.get(0);
        assertEquals(method.id(), event.get("method").asText());
        assertEquals(400.0 / (W * H), event.get("maskFraction").asDouble(), 1e-9);
        assertEquals(7, event.at("/source/sequence").asLong());
        assertTrue(event.at("/timingsMs/model").asDouble() > 0);

        ArtifactRef output = Json.MAPPER.treeToValue(event.get("output"), ArtifactRef.class);
        byte[] stored = artifacts.get(output);
        BufferedImage fromStage = ImageIO.read(new ByteArrayInputStream(stored));
        try (Inpainter library = Inpainting.create(method, weights)) {
            assertEquals(library.model().name(), event.at("/model/name").asText());
            assertEquals("cpu", event.at("/model/device").asText(), "the event says where the model ran");
            BufferedImage expected = Inpainting.run(library, image, mask).image();
            assertArrayEquals(pixels(expected), pixels(fromStage), "stage and library give identical output");
        }

        var frame = inpaintedFrames.readRecord();
        assertArrayEquals(stored, frame.value(), "the inpainted frame is the stored PNG");
        assertEquals("image/png", FrameHeaders.string(frame.headers(), FrameHeaders.CONTENT_TYPE).orElseThrow());
        assertEquals(7, FrameHeaders.number(frame.headers(), FrameHeaders.SEQUENCE).orElseThrow());
        assertEquals(W, FrameHeaders.number(frame.headers(), FrameHeaders.WIDTH).orElseThrow());
        assertEquals(T0.plusMillis(700), frame.getRecordTime());
        assertTrue(errors.isEmpty());
    }

    @Test
    void teleaCameraGetsAnEventAndAnInpaintedFrameIdenticalToTheLibraryCall() throws Exception {
        start(null);
        assertStageMatchesLibrary(InpaintMethod.TELEA, null);
    }

    @Test
    void defaultMethodIsTheBuiltInRnModel() throws Exception {
        start(null);
        assertStageMatchesLibrary(InpaintMethod.RN, null);
    }

    @Test
    void aPerFrameMaskHeaderOverridesTheCameraMaskAndSameAspectMasksAreRescaled() throws Exception {
        start(null);
        camera("cam-2", storeMask(box(W, H, 0, 0, 8, 8)).uri(), "ns");
        // a double-resolution mask with 25% holes, sent with the frame
        ArtifactRef frameMask = storeMask(box(2 * W, 2 * H, 0, 0, W, H));
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.INPAINT_MASK, frameMask.uri());
        send("cam-2", 1, png(picture(W, H, 5)), headers);
        JsonNode event = drain(inpainted, InpaintEvent.class).get(0);
        assertEquals(0.25, event.get("maskFraction").asDouble(), 1e-9);
        assertEquals("ns", event.get("method").asText());
    }

    @Test
    void badOrMissingMasksBecomeErrorEventsWithReasonsAndTheStreamContinues() throws Exception {
        start(null);
        camera("no-mask", null, "telea");
        send("no-mask", 1, png(picture(W, H, 1)), null);
        camera("missing", "artifact://sha256/" + "0".repeat(64) + ".png", "telea");
        send("missing", 2, png(picture(W, H, 1)), null);
        camera("not-image", artifacts.put("garbage".getBytes(), "image/png").uri(), "telea");
        send("not-image", 3, png(picture(W, H, 1)), null);
        camera("aspect", storeMask(box(W, W, 0, 0, 4, 4)).uri(), "telea");
        send("aspect", 4, png(picture(W, H, 1)), null);
        camera("full", storeMask(box(W, H, 0, 0, W, H)).uri(), "telea");
        send("full", 5, png(picture(W, H, 1)), null);
        camera("named", "artifact://named/masks/x.png", "telea");
        send("named", 6, png(picture(W, H, 1)), null);
        RecordHeaders bad = new RecordHeaders();
        FrameHeaders.put(bad, FrameHeaders.INPAINT_MASK, "artifact://sha256/" + "1".repeat(64) + ".png");
        camera("header", storeMask(box(W, H, 0, 0, 8, 8)).uri(), "telea");
        send("header", 7, png(picture(W, H, 1)), bad);
        camera("fine", storeMask(box(W, H, 0, 0, 8, 8)).uri(), "telea");
        send("fine", 8, png(picture(W, H, 1)), null);

        List<JsonNode> errorEvents = drain(errors, ErrorEvent.class);
        List<String> reasons = errorEvents.stream().map(e -> e.at("/source/cameraId").asText() + ":"
                + e.get("reason").asText()).toList();
        assertEquals(List.of("no-mask:BAD_CONFIG", "missing:BAD_CONFIG", "not-image:BAD_CONFIG", "aspect:BAD_INPUT",
                "full:BAD_INPUT", "named:BAD_CONFIG", "header:BAD_INPUT"), reasons);
        assertTrue(errorEvents.get(3).get("message").asText().contains("different aspect ratio"));
        assertTrue(errorEvents.get(4).get("message").asText().contains("covers the whole"));
        assertTrue(errorEvents.get(5).get("message").asText().contains("maskSha256"));
        assertEquals("fine", drain(inpainted, InpaintEvent.class).get(0).at("/source/cameraId").asText());
    }

    @Test
    void polygonZonesInTheConfigAreHolesAloneOrJoinedWithTheMaskImage() throws Exception {
        start(null);
        String zone = "\"inpainting\":{\"method\":\"telea\",\"polygons\":[[[8,8],[24,8],[24,20],[8,20]]]}";
        cameras.pipeInput("zones", "{\"cameraId\":\"zones\",\"stages\":[\"inpainting\"]," + zone + "}");
        send("zones", 1, png(picture(W, H, 3)), null);
        String mask = storeMask(box(W, H, 40, 30, 48, 38)).uri();
        cameras.pipeInput("both", "{\"cameraId\":\"both\",\"stages\":[\"inpainting\"],\"maskUri\":\"" + mask
                + "\"," + zone + "}");
        send("both", 2, png(picture(W, H, 3)), null);
        cameras.pipeInput("two-vertices", "{\"cameraId\":\"two-vertices\",\"stages\":[\"inpainting\"],"
                + "\"inpainting\":{\"polygons\":[[[8,8],[24,8]]]}}");
        send("two-vertices", 3, png(picture(W, H, 3)), null);

        List<JsonNode> events = drain(inpainted, InpaintEvent.class);
        assertEquals(2, events.size(), () -> errors.readValuesToList().toString());
        // pixel centres inside the 16x12 rectangle
        assertEquals(16.0 * 12 / (W * H), events.get(0).get("maskFraction").asDouble(), 1e-9);
        assertEquals((16.0 * 12 + 8 * 8) / (W * H), events.get(1).get("maskFraction").asDouble(), 1e-9);
        JsonNode error = drain(errors, ErrorEvent.class).get(0);
        assertEquals("two-vertices", error.at("/source/cameraId").asText());
        assertEquals("BAD_CONFIG", error.get("reason").asText());
    }

    @Test
    void anEmptyMaskPassesTheFrameThroughWithoutAModelCall() throws Exception {
        start(null);
        camera("empty", storeMask(new InpaintMask(W, H, new boolean[W * H])).uri(), null);
        byte[] original = png(picture(W, H, 9));
        send("empty", 1, original, null);
        assertArrayEquals(original, inpaintedFrames.readValue());
        assertTrue(inpainted.isEmpty());
        JsonNode error = drain(errors, ErrorEvent.class).get(0);
        assertEquals("BAD_INPUT", error.get("reason").asText());
        assertTrue(error.get("message").asText().contains("no holes"));
    }

    @Test
    void weightsThatDoNotMatchTheArchitectureFailEveryFrameClearly() throws Exception {
        Path weights = dir.resolve("bad.npz");
        Files.write(weights, "not weights".getBytes());
        start(weights);
        camera("cam-w", storeMask(box(W, H, 0, 0, 8, 8)).uri(), "rn");
        send("cam-w", 1, png(picture(W, H, 1)), null);
        send("cam-w", 2, png(picture(W, H, 2)), null);
        List<JsonNode> errorEvents = drain(errors, ErrorEvent.class);
        assertEquals(2, errorEvents.size());
        for (JsonNode e : errorEvents) {
            assertEquals("STAGE_FAILURE", e.get("reason").asText());
            assertTrue(e.get("message").asText().contains("cannot read RN weights"), e.toString());
        }
    }

    @Test
    void aBatchRunsInOrderWithOneResultPerFrameAndABadFrameFailsAlone() throws Exception {
        start(null, new Batching(4, 1_000));
        InpaintMask mask = box(W, H, 20, 10, 40, 30);
        camera("cam-b", storeMask(mask).uri(), "rn");
        List<BufferedImage> images = List.of(picture(W, H, 1), picture(W, H, 2), picture(2 * W, 2 * H, 3),
                picture(W, H, 4));
        RecordHeaders bad = new RecordHeaders();
        FrameHeaders.put(bad, FrameHeaders.INPAINT_MASK, "artifact://sha256/" + "2".repeat(64) + ".png");
        for (int i = 0; i < 3; i++) {
            send("cam-b", i + 1, png(images.get(i)), i == 1 ? bad : null);
        }
        assertTrue(inpainted.isEmpty() && errors.isEmpty(), "three frames wait for the fourth");
        send("cam-b", 4, png(images.get(3)), null);

        List<JsonNode> events = drain(inpainted, InpaintEvent.class);
        assertEquals(List.of(1L, 3L, 4L), events.stream().map(e -> e.at("/source/sequence").asLong()).toList());
        List<JsonNode> errorEvents = drain(errors, ErrorEvent.class);
        assertEquals(1, errorEvents.size());
        assertEquals(2, errorEvents.get(0).at("/source/sequence").asLong());
        assertEquals("BAD_INPUT", errorEvents.get(0).get("reason").asText());
        try (Inpainter library = Inpainting.create(InpaintMethod.RN, null)) {
            for (JsonNode event : events) {
                int i = (int) event.at("/source/sequence").asLong() - 1;
                BufferedImage expected = Inpainting.run(library, images.get(i), mask).image();
                ArtifactRef output = Json.MAPPER.treeToValue(event.get("output"), ArtifactRef.class);
                BufferedImage fromStage = ImageIO.read(new ByteArrayInputStream(artifacts.get(output)));
                assertArrayEquals(pixels(expected), pixels(fromStage), "frame " + (i + 1) + " as alone");
            }
        }
        List<Long> frameOrder = inpaintedFrames.readRecordsToList().stream()
                .map(r -> FrameHeaders.number(r.headers(), FrameHeaders.SEQUENCE).orElseThrow()).toList();
        assertEquals(List.of(1L, 3L, 4L), frameOrder);
    }
}
