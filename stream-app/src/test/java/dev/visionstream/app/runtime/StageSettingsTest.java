package dev.visionstream.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageSettingsTest {
    @Test
    void defaultsAreTheBuiltInModels() {
        StageSettings s = StageSettings.defaults();
        assertEquals("default", s.countingBackbone());
        assertTrue(s.countingOverlays());
        assertNull(s.inpaintWeights());
        assertNull(s.poseWeights());
        assertNull(s.splatModel());
        assertEquals(224, s.splatModelHeight());
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("vision.counting.backbone", "learned");
        StageSettings s = StageSettings.from(Map.of("VISION_COUNTING_BACKBONE", "filterbank",
                "VISION_POSE_WEIGHTS", "/w/pose.params", "VISION_SPLAT_MODEL", "/m/yono.pt",
                "VISION_SPLAT_MODEL_SIZE", "256x320", "VISION_COUNTING_OVERLAYS", "false"), props);
        assertEquals("learned", s.countingBackbone());
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
    }
}
