package dev.visionstream.models.counting.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composite scenes from the fetched cut-outs and photographs ({@code scripts/fetch-counting-eval-data.sh}; skipped,
 * saying so, when they are not there): the manifest round-trips, the truth is the number of targets pasted, each
 * at least 60 % visible, the exemplars are fully visible targets, the same seed gives the same pixels, and the
 * held-out classes stay out of training scenes.
 */
class CompositeSceneTest {
    /** The repository's fetched data: tests run in the module's folder. */
    private static final Path DATA = Path.of("..", "target", "counting-eval");

    private static CutoutLibrary cutouts;
    private static BackgroundLibrary backgrounds;

    @TempDir
    Path dir;

    @BeforeAll
    static void fetched() {
        assumeTrue(Files.isRegularFile(DATA.resolve("x").resolve(CutoutLibrary.PACKAGE).resolve(".fetched")),
                "counting evaluation data not fetched into " + DATA.toAbsolutePath().normalize()
                        + ": run scripts/fetch-counting-eval-data.sh");
        cutouts = CutoutLibrary.load(DATA);
        backgrounds = BackgroundLibrary.load(DATA);
    }

    @Test
    void aSmallSetRoundTripsAndItsTruthIsThePastedTargets() throws Exception {
        List<SceneSpec> specs = SceneSpec.plan(3, 10, 40, 7);
        CountingManifest written = CompositeSet.make(cutouts, backgrounds, DatasetSplit.EVAL, specs, 7, dir, "test",
                s -> { });
        Path file = dir.resolve(CompositeSet.MANIFEST);
        assertEquals(written, CountingManifest.readWithImages(file));
        assertEquals(List.of(10, 20, 40), written.images().stream().map(ManifestImage::count).toList());

        for (int i = 0; i < specs.size(); i++) {
            ManifestImage entry = written.images().get(i);
            assertEquals(ManifestImage.COMPOSITE, entry.kind());
            assertEquals("eval", entry.split());
            Cutout target = cutouts.all().stream().filter(c -> c.id().equals(entry.targetClass())).findFirst()
                    .orElseThrow();
            assertTrue(target.targetLike() && target.split() == DatasetSplit.EVAL, target.id());
            assertTrue(entry.sources().stream().allMatch(s -> s.licence() != null && !s.licence().isBlank()));
            assertEquals(1, entry.sources().stream().filter(s -> s.role().equals("background")).count());

            CompositeScene again = CompositeScene.generate(specs.get(i), target, DatasetSplit.EVAL, cutouts,
                    backgrounds);
            assertEquals(entry, again.entry(), "same seed, same scene");
            BufferedImage png = ImageIO.read(written.imageFile(file, entry).toFile());
            assertEquals(CompositeScene.WIDTH, png.getWidth());
            assertEquals(CompositeScene.HEIGHT, png.getHeight());
            assertArrayEquals(pixels(again.image()), pixels(png), "same seed, same pixels");

            List<PastedObject> targets = again.objects().stream().filter(PastedObject::target).toList();
            assertEquals(entry.count(), targets.size(), "the truth is the number of targets pasted");
            assertTrue(targets.stream().allMatch(t -> t.visible() >= CompositeScene.MIN_VISIBLE));
            assertTrue(again.objects().size() > targets.size(), "distractors too");
            assertEquals(3, entry.exemplars().size());
            for (PixelBox box : entry.exemplars()) {
                assertTrue(targets.stream().anyMatch(t -> t.box().equals(box) && t.visible() == 1.0),
                        "an exemplar is the tight box of a fully visible target: " + box);
            }
        }
    }

    @Test
    void heldOutClassesNeverReachTrainingScenes() {
        assertTrue(cutouts.all().stream().allMatch(c -> c.split() == DatasetSplit.of(c.group())));
        assertTrue(CompositeSet.targetOrder(cutouts, DatasetSplit.TRAIN, 1).stream()
                .allMatch(c -> c.split() == DatasetSplit.TRAIN));
        Cutout heldOut = CompositeSet.targetOrder(cutouts, DatasetSplit.EVAL, 1).get(0);
        assertThrows(IllegalArgumentException.class, () -> CompositeScene.generate(SceneSpec.plan(1, 10, 10, 1)
                .get(0), heldOut, DatasetSplit.TRAIN, cutouts, backgrounds));
        CompositeScene train = CompositeScene.generate(SceneSpec.plan(1, 12, 12, 3).get(0),
                CompositeSet.targetOrder(cutouts, DatasetSplit.TRAIN, 3).get(0), DatasetSplit.TRAIN, cutouts,
                backgrounds);
        for (SourceFile s : train.entry().sources()) {
            String id = s.file().replace(CutoutLibrary.STAMPS + "/", "").replace(".png", "");
            cutouts.all().stream().filter(c -> c.id().equals(id))
                    .forEach(c -> assertEquals(DatasetSplit.TRAIN, c.split(), c.id()));
        }
        assertTrue(train.entry().sources().stream().filter(s -> s.role().equals("background"))
                .allMatch(s -> backgrounds.of(DatasetSplit.TRAIN).stream().anyMatch(p -> p.file().equals(s.file()))));
        assertNull(train.entry().note());
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
