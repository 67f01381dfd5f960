package dev.visionstream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSchemasTest {
    private static final SourceCoordinates SOURCE = new SourceCoordinates("cam-1", Topics.FRAMES, 0, 42L, 7L);
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void splatEventWithSceneDetailsAndACalibratedRigCameraAreValid() {
        ModelInfo model = new ModelInfo("stereo-sgbm-splat", "1", "built-in");
        ArtifactRef ref = new ArtifactRef("file:///a.ply", "0".repeat(64), 10, "application/x-ply");
        List<Double> identity = List.of(1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        List<Double> k = List.of(500.0, 0.0, 320.0, 0.0, 500.0, 240.0, 0.0, 0.0, 1.0);
        SplatEvent full = new SplatEvent("id", 1, SplatEvent.STAGE, "rig", SOURCE, List.of(SOURCE, SOURCE), T, T,
                model, 10, ref, ref, Map.of("predict", 12.5), 2, 20L, List.of(identity, identity), List.of(k, k), 640,
                480, List.of(-1.0, -1.0, 0.5, 1.0, 1.0, 9.0), 0.12, List.of(), List.of(0));
        assertEquals(List.of(), EventSchemas.violationsOf(full));
        CameraConfig rigCamera = new CameraConfig("left", List.of("splatting"), null, null, null, null, "rig", 0,
                new CameraCalibration(k, identity, List.of(0.1, -0.2, 0.0, 0.0, 0.0)),
                new RigSettings(2, 40L, 1000L, false, List.of(0)));
        assertEquals(List.of(), EventSchemas.violationsOf(rigCamera));
        CameraConfig badK = new CameraConfig("left", List.of("splatting"), null, null, null, null, "rig", 0,
                new CameraCalibration(List.of(1.0, 2.0), null, null), null);
        assertEquals(1, EventSchemas.violationsOf(badK).size());
    }

    @Test
    void everyEventTypeHasASchemaThatAcceptsAValidEvent() {
        ModelInfo model = new ModelInfo("m", "1", "built-in");
        ArtifactRef ref = new ArtifactRef("file:///a.png", "0".repeat(64), 10, "image/png");
        List<Object> events = List.of(
                new CameraHealthEvent("id", 1, CameraHealthEvent.STAGE, SOURCE, T, T, "ok", List.of(),
                        new FrameStats(4, 3, 100, 0, 0, 1)),
                new ErrorEvent("id", 1, "decode", SOURCE, T, T, ErrorReason.UNDECODABLE_FRAME, "bad", null),
                new CountEvent("id", 1, CountEvent.STAGE, SOURCE, T, T, model, 3, List.of(new Box(1, 2, 3, 4)),
                        List.of(new Point(1, 2, 0.5)), Map.of("total", 1.0), ref, List.of("exemplar 1 was clipped"),
                        "verified", 2.5, 1, List.of(new Point(1, 2, 0.5)), 3, List.of(new Point(1, 2, 0.9))),
                new InpaintEvent("id", 1, InpaintEvent.STAGE, SOURCE, T, T, model, "rn", 0.2, ref, Map.of()),
                new SplatEvent("id", 1, SplatEvent.STAGE, "rig", SOURCE, List.of(SOURCE), T, T, model, 10, ref, null,
                        Map.of()),
                new PoseEvent("id", 1, PoseEvent.STAGE, SOURCE, "t1", T, T, model,
                        Collections.nCopies(24, List.of(0.0, 0.0, 0.0)), List.of(0.0, 0.0, 0.0), 1.0,
                        Map.of(), null, null, null, null, null, null),
                new PoseEvent("id", 1, PoseEvent.STAGE, SOURCE, "t1", T, T, model,
                        Collections.nCopies(24, List.of(0.0, 0.0, 0.0)), List.of(0.0, 0.0, 0.0), 1.0,
                        Map.of("solveMs", 0.3), java.util.Collections.nCopies(24, List.of(1.0, 0.0, 0.0, 0.0)),
                        Collections.nCopies(24, List.of(0.0, 1.0, 0.0)), Collections.nCopies(24, 0.5),
                        "learned", "previous", null),
                new Keypoints3dMessage("t1", "cam-1", Keypoints3dMessage.SMPL24, null,
                        Collections.nCopies(24, List.of(0.0, 1.0, 0.0)), T),
                new CameraConfig("cam-1", List.of("camera-health"), "live", null, null, null, null, null,
                        new CameraSource("rtsp://cam/stream", "udp", 10.0, 0.8, 640, 3.0, 2, 10.0)));
        for (Object e : events) {
            assertEquals(List.of(), EventSchemas.violationsOf(e), e.getClass().getSimpleName());
        }
        assertEquals(EventSchemas.files().size() + 1, events.size()); // pose twice: version-1 and extended fields
    }

    @Test
    void schemaRejectsMissingFieldsWrongEnumsAndBadTimestamps() {
        ErrorEvent ok = new ErrorEvent("id", 1, "decode", SOURCE, T, T, ErrorReason.EMPTY_FRAME, "empty", null);
        ObjectNode json = Json.MAPPER.valueToTree(ok);
        json.remove("source");
        assertFalse(EventSchemas.violations(ErrorEvent.class, json).isEmpty());

        json = Json.MAPPER.valueToTree(ok);
        json.put("reason", "NOT_A_REASON");
        assertFalse(EventSchemas.violations(ErrorEvent.class, json).isEmpty());

        json = Json.MAPPER.valueToTree(ok);
        json.put("captureTime", "yesterday");
        assertFalse(EventSchemas.violations(ErrorEvent.class, json).isEmpty());
    }

    @Test
    void cameraConfigSchemaRejectsUnknownHealthKeysAndOutOfRangeValues() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("cameraId", "c");
        json.putArray("stages").add("camera-health");
        assertTrue(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        json.putObject("health").put("blackFraction", 2.0);
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        json.putObject("health").put("frozenRepats", 3);
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
    }

    @Test
    void cameraSourceSectionIsValidatedAndOptionalFieldsDefault() throws Exception {
        CameraConfig parsed = Json.MAPPER.readValue(
                "{\"cameraId\":\"c\",\"stages\":[],\"source\":{\"url\":\"http://h/mjpeg\"}}", CameraConfig.class);
        assertEquals("tcp", parsed.source().transport());
        assertEquals(2, parsed.source().queueCapacity());
        assertTrue(parsed.livePolicy());
        ObjectNode json = Json.MAPPER.valueToTree(parsed);
        assertTrue(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        ((ObjectNode) json.get("source")).put("transport", "carrier-pigeon");
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        ((ObjectNode) json.get("source")).remove("transport");
        ((ObjectNode) json.get("source")).remove("url");
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
    }

    @Test
    void cameraConfigSchemaChecksTheInpaintingMethodAndMaskChecksum() {
        assertEquals(List.of(), EventSchemas.violationsOf(new CameraConfig("cam-2", List.of("inpainting"), null, null,
                null, "artifact://named/masks/cam-2.png", null, null, new InpaintSettings("telea", "ab".repeat(32)))));
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("cameraId", "c");
        json.putArray("stages").add("inpainting");
        json.put("maskUri", "artifact://named/m.png");
        json.putObject("inpainting").put("method", "ns").put("maskSha256", "0".repeat(64));
        assertTrue(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        json.putObject("inpainting").put("method", "photoshop");
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
        json.putObject("inpainting").put("maskSha256", "not-hex");
        assertFalse(EventSchemas.violations(CameraConfig.class, json).isEmpty());
    }

    @Test
    void instantsAreWrittenAsIsoStrings() {
        ErrorEvent e = new ErrorEvent("id", 1, "decode", SOURCE, T, T, ErrorReason.EMPTY_FRAME, "empty", null);
        assertEquals("2026-01-02T03:04:05.678Z", Json.MAPPER.valueToTree(e).get("captureTime").asText());
    }
}
