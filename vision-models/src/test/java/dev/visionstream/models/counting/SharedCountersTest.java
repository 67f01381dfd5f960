package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedCountersTest {
    @Test
    void aSuppliedVerifierGetsItsOwnCounterThatCountsWithIt(@TempDir Path dir) throws Exception {
        Path strict = dir.resolve("strict.json");
        VerifiedInstances.builtIn().withRule(0.999999, 1.0).write(strict);
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        CountingDino builtIn = SharedCounters.get("default", Device.cpu());
        CountingDino supplied = SharedCounters.get("default", Device.cpu(), strict);
        assertSame(builtIn, SharedCounters.get("default", Device.cpu(), null));
        assertNotSame(builtIn, supplied);
        assertSame(supplied, SharedCounters.get("default", Device.cpu(), strict));
        int usual = builtIn.count(scene.image(), scene.exemplars()).verifiedCount();
        int strictCount = supplied.count(scene.image(), scene.exemplars()).verifiedCount();
        assertTrue(usual > 0 && strictCount < usual, "built in " + usual + ", a stricter threshold " + strictCount);
    }

    @Test
    void anUnreadableVerifierIsNamedAndLoadsNoBackbone(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedCounters.get("default", Device.cpu(), missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
