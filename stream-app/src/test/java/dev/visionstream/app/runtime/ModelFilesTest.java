package dev.visionstream.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.counting.VerifiedInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void builtInModelsAndUrlsNameNoFile() {
        assertEquals(List.of(), ModelFiles.check(StageSettings.defaults()));
        StageSettings urlAndNames = StageSettings.from(Map.of("VISION_COUNTING_BACKBONE",
                "https://example.org/dinov2.pt#tile=840"), new Properties());
        assertEquals(List.of(), ModelFiles.check(urlAndNames));
        assertEquals(List.of(), ModelFiles.check(StageSettings.from(Map.of("VISION_COUNTING_BACKBONE", "Learned"),
                new Properties())));
    }

    @Test
    void eachNamedFileIsCheckedAndAProblemNamesItsSetting() throws Exception {
        Path verifier = dir.resolve("verifier.json");
        VerifiedInstances.builtIn().write(verifier);
        Path weights = Files.writeString(dir.resolve("rn.npz"), "not checked beyond being readable");
        StageSettings s = StageSettings.from(Map.of(
                "VISION_COUNTING_BACKBONE", dir.resolve("missing.pt") + "#tile=840",
                "VISION_COUNTING_VERIFIER", verifier.toString(),
                "VISION_INPAINT_WEIGHTS", weights.toString(),
                "VISION_POSE_WEIGHTS", dir.toString()), new Properties());

        List<ModelFiles.Named> all = ModelFiles.check(s);
        assertEquals(4, all.size(), all.toString());
        ModelFiles.Named backbone = all.get(0);
        assertEquals("VISION_COUNTING_BACKBONE (vision.counting.backbone)", backbone.setting());
        assertEquals("does not exist", backbone.problem());
        assertTrue(backbone.warning().startsWith("VISION_COUNTING_BACKBONE (vision.counting.backbone) names "
                + dir.resolve("missing.pt") + "#tile=840, which does not exist"), backbone.warning());
        assertNull(all.get(1).problem(), all.get(1).toString());
        assertNull(all.get(2).problem(), all.get(2).toString());
        assertEquals("is not a readable file", all.get(3).problem(), "a directory is not a weights file");
        assertEquals(List.of(backbone, all.get(3)), ModelFiles.problems(s));
    }

    @Test
    void aVerifierIsReadInFullSoTheWrongKindOfFileIsCaughtAtStartUp() throws Exception {
        Path notAVerifier = Files.writeString(dir.resolve("weights.json"), "{\"format\": \"something-else/1\"}");
        StageSettings s = StageSettings.from(Map.of("VISION_COUNTING_VERIFIER", notAVerifier.toString()),
                new Properties());
        ModelFiles.Named named = ModelFiles.check(s).get(0);
        assertTrue(named.problem().startsWith("is not an instance verifier this version can use"), named.problem());
        assertTrue(named.problem().contains("vision-instance-verifier/1"), named.problem());

        Path missing = dir.resolve("nowhere.json");
        assertEquals("does not exist", ModelFiles.check(StageSettings.from(Map.of("VISION_COUNTING_VERIFIER",
                missing.toString()), new Properties())).get(0).problem());
    }

    @Test
    void aDetectorFolderWithoutItsModelAndAVerifierWithoutItsDetectorAreCaughtAtStartUp() throws Exception {
        StageSettings emptyFolder = StageSettings.from(Map.of("VISION_COUNTING_DETECTOR", dir.toString()),
                new Properties());
        ModelFiles.Named detector = ModelFiles.check(emptyFolder).get(0);
        assertEquals("VISION_COUNTING_DETECTOR (vision.counting.detector)", detector.setting());
        assertEquals("does not exist", detector.problem());

        Path plain = dir.resolve("verifier.json");
        VerifiedInstances.builtIn().write(plain);
        StageSettings plainWithDetector = StageSettings.from(Map.of("VISION_COUNTING_VERIFIER", plain.toString(),
                "VISION_COUNTING_DETECTOR", dir.toString()), new Properties());
        ModelFiles.Named verifier = ModelFiles.check(plainWithDetector).get(0);
        assertTrue(verifier.problem().contains("trained without the detector"), verifier.problem());
    }
}
