package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.counting.evaluation.CountingManifest;
import dev.visionstream.models.counting.evaluation.ManifestImage;
import dev.visionstream.schemas.Box;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed real-photo manifest reads, and its coins and smarties entries are the counting tests' own images,
 * boxes and counts, so the evaluation and the tests measure the same thing.
 */
class RealPhotosManifestTest {
    /** Tests run in the module's folder. */
    private static final Path MANIFEST = Path.of("..", "docs", "counting", "real-photos.json");

    @Test
    void coinsAndSmartiesMatchTheCountingSamples() {
        CountingManifest manifest = CountingManifest.read(MANIFEST);
        Map<String, ManifestImage> byName = manifest.images().stream()
                .collect(Collectors.toMap(ManifestImage::name, Function.identity()));
        check(manifest, byName.get("coins"), CountingSamples.COINS, CountingSamples.COINS_COUNT,
                CountingSamples.COIN_EXEMPLARS);
        check(manifest, byName.get("smarties"), CountingSamples.SMARTIES, CountingSamples.SMARTIES_COUNT,
                CountingSamples.SMARTIES_EXEMPLARS);
        assertTrue(manifest.images().stream().allMatch(i -> i.kind().equals(ManifestImage.PHOTO)
                && i.sources().size() == 1 && !i.sources().get(0).licence().isBlank()));
    }

    private static void check(CountingManifest manifest, ManifestImage image, String assetPath, int count,
                              List<Box> exemplars) {
        assertEquals(count, image.count(), image.name());
        assertEquals(exemplars, image.exemplarBoxes(), image.name());
        Path expected = Path.of("..", "target", "assets").resolve(assetPath).toAbsolutePath().normalize();
        assertEquals(expected, manifest.imageFile(MANIFEST, image), image.name());
    }
}
