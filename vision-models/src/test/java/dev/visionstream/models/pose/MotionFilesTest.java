package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsByExtensionAndRefusesAnUnknownOneByName() throws Exception {
        Path bvh = dir.resolve("tiny.BVH");
        Files.writeString(bvh, "HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 3 Xposition Yposition Zposition\n"
                + " End Site\n {\n  OFFSET 0 1 0\n }\n}\nMOTION\nFrames: 2\nFrame Time: 0.5\n0 0 0\n1 0 0\n");
        SkeletonMotion motion = MotionFiles.read(bvh);
        assertEquals(2, motion.frameCount());
        assertEquals(2.0, motion.fps(), 1e-12);
        assertEquals(1.0, motion.frames().get(1)[0][0], 1e-12);
        Path other = dir.resolve("walk.fbx");
        Files.writeString(other, "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MotionFiles.read(other));
        assertTrue(e.getMessage().contains("walk.fbx") && e.getMessage().contains(".bvh"), e.getMessage());
    }
}
