package dev.visionstream.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.topology.Batching;
import dev.visionstream.models.DeviceSetting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageSettingsTest {
    @Test
    void defaultsAreTheBuiltInModels() {
        StageSettings s = StageSettings.defaults();
        assertEquals("default", s.countingBackbone());
        assertNull(s.countingVerifier());
        assertTrue(s.describe().contains("counting.verifier = built-in"), s.describe().toString());
        assertNull(s.countingDetector());
        assertTrue(s.describe().contains("counting.detector = none"), s.describe().toString());
        assertTrue(s.countingOverlays());
        assertNull(s.inpaintWeights());
        assertNull(s.poseWeights());
        assertNull(s.splatModel());
        assertEquals(224, s.splatModelHeight());
        assertEquals(Batching.NONE, s.countingBatching());
        assertEquals(Batching.NONE, s.inpaintBatching());
        assertEquals(Batching.NONE, s.poseBatching());
        assertTrue(s.describe().contains("inpaint.batchSize = 1"), s.describe().toString());
        assertEquals(DeviceSetting.AUTO, s.devices().of(ModelStage.COUNTING));
        assertTrue(s.describe().contains("device = auto"));
    }

    @Test
    void batchingIsReadPerStage() {
        Properties props = new Properties();
        props.setProperty("vision.inpaint.batchSize", "8");
        StageSettings s = StageSettings.from(Map.of("VISION_INPAINT_BATCH_SIZE", "2",
                "VISION_INPAINT_BATCH_LINGER_MS", "40", "VISION_COUNTING_BATCH_SIZE", "3",
                "VISION_POSE_BATCH_SIZE", "16", "VISION_POSE_BATCH_LINGER_MS", "5"), props);
        assertEquals(new Batching(8, 40), s.inpaintBatching());
        assertEquals(new Batching(3, 20), s.countingBatching());
        assertEquals(new Batching(16, 5), s.poseBatching());
        assertTrue(s.describe().containsAll(List.of("inpaint.batchSize = 8", "inpaint.batchLingerMs = 40",
                "counting.batchSize = 3", "counting.batchLingerMs = 20", "pose.batchSize = 16",
                "pose.batchLingerMs = 5")), s.describe().toString());
    }

    @Test
    void aStageDeviceOverridesTheDefaultOne() {
        Properties props = new Properties();
        props.setProperty("vision.pose.device", "cpu");
        StageSettings s = StageSettings.from(Map.of("VISION_DEVICE", "gpu", "VISION_COUNTING_DEVICE", "gpu:1",
                "VISION_POSE_DEVICE", "gpu:2"), props);
        assertEquals(DeviceSetting.parse("gpu:1"), s.devices().of(ModelStage.COUNTING));
        assertEquals(DeviceSetting.CPU, s.devices().of(ModelStage.POSE));
        assertEquals(DeviceSetting.GPU, s.devices().of(ModelStage.INPAINTING));
        assertTrue(s.devices().wantsGpu());
        assertTrue(s.describe().containsAll(List.of("device = gpu", "counting.device = gpu:1", "pose.device = cpu")),
                s.describe().toString());
    }

    @Test
    void commandLineDevicesGoOverTheSettings() {
        StageDevices settings = StageSettings.from(Map.of("VISION_COUNTING_DEVICE", "gpu"), new Properties())
                .devices();
        StageDevices all = settings.with(List.of("cpu"));
        assertEquals(DeviceSetting.CPU, all.of(ModelStage.COUNTING));
        assertFalse(all.wantsGpu());
        StageDevices one = settings.with(List.of("cpu", "splatting=gpu:0"));
        assertEquals(DeviceSetting.parse("gpu:0"), one.of(ModelStage.SPLATTING));
        assertEquals(DeviceSetting.CPU, one.of(ModelStage.INPAINTING));
        IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                () -> settings.with(List.of("tracking=gpu")));
        assertTrue(stage.getMessage().contains("'tracking' is not a model stage: expected counting, inpainting, "
                + "pose, splatting"), stage.getMessage());
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("vision.counting.backbone", "learned");
        StageSettings s = StageSettings.from(Map.of("VISION_COUNTING_BACKBONE", "filterbank",
                "VISION_POSE_WEIGHTS", "/w/pose.params", "VISION_SPLAT_MODEL", "/m/yono.pt",
                "VISION_SPLAT_MODEL_SIZE", "256x320", "VISION_COUNTING_OVERLAYS", "false",
                "VISION_COUNTING_VERIFIER", "/v/verifier.json", "VISION_COUNTING_DETECTOR", "/d/detector"), props);
        assertEquals("learned", s.countingBackbone());
        assertEquals(Path.of("/d/detector"), s.countingDetector());
        assertEquals(Path.of("/v/verifier.json"), s.countingVerifier());
        assertFalse(s.countingOverlays());
        assertEquals(Path.of("/w/pose.params"), s.poseWeights());
        assertEquals(256, s.splatModelHeight());
        assertEquals(320, s.splatModelWidth());
        assertTrue(s.describe().contains("splat.model.size = 256x320"));
    }

    @Test
    void anUnusableValueNamesItsSetting() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> StageSettings.from(Map.of("VISION_SPLAT_MODEL_SIZE", "big"), new Properties()));
        assertTrue(size.getMessage().contains("VISION_SPLAT_MODEL_SIZE"), size.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> StageSettings.from(Map.of("VISION_COUNTING_OVERLAYS", "maybe"), new Properties()));
        assertTrue(flag.getMessage().contains("VISION_COUNTING_OVERLAYS"), flag.getMessage());
        for (String bad : List.of("0", "257", "four", "")) {
            IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                    () -> StageSettings.from(Map.of("VISION_INPAINT_BATCH_SIZE", bad), new Properties()));
            assertTrue(batch.getMessage().contains("VISION_INPAINT_BATCH_SIZE (vision.inpaint.batchSize) must be a "
                    + "whole number from 1 to 256, got '" + bad + "'"), batch.getMessage());
        }
        IllegalArgumentException linger = assertThrows(IllegalArgumentException.class,
                () -> StageSettings.from(Map.of("VISION_COUNTING_BATCH_LINGER_MS", "0"), new Properties()));
        assertTrue(linger.getMessage().contains("VISION_COUNTING_BATCH_LINGER_MS"), linger.getMessage());
        IllegalArgumentException device = assertThrows(IllegalArgumentException.class,
                () -> StageSettings.from(Map.of("VISION_INPAINT_DEVICE", "tpu"), new Properties()));
        assertTrue(device.getMessage().startsWith("VISION_INPAINT_DEVICE (vision.inpaint.device): 'tpu' is not a "
                + "device"), device.getMessage());
    }
}
