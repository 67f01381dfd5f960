package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackbonesTest {
    @Test
    void onlyASettingThatNamesALocalFileHasOne() {
        assertNull(Backbones.localFile(null));
        assertNull(Backbones.localFile(" Default "));
        assertNull(Backbones.localFile("filterbank"));
        assertNull(Backbones.localFile("LEARNED"));
        assertNull(Backbones.localFile("https://example.org/dinov2.pt#tile=840"));
        assertEquals(Path.of("/models/dinov2.pt"), Backbones.localFile("/models/dinov2.pt#tile=840,patch=14"));
        assertEquals(Path.of("run/backbone.NPZ"), Backbones.localFile("run/backbone.NPZ"));
    }
}
