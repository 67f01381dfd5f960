package dev.visionstream.models.counting.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest format, the licence lookup, the split rule and the scene plan: no fetched data needed. */
class CountingManifestTest {
    @TempDir
    Path dir;

    private static ManifestImage image(String name, int count, List<PixelBox> exemplars) {
        return new ManifestImage(name, "pictures/" + name + ".png", ManifestImage.PHOTO, count, exemplars,
                List.of("grid"), null, null, List.of(new SourceFile("python3-skimage", "usr/x/" + name + ".png",
                "BSD-3-Clause", "photo")), "a note");
    }

    private static CountingManifest manifest(ManifestImage... images) {
        return new CountingManifest(CountingManifest.FORMAT, "test set", "..", List.of("scripts/fetch-me.sh"),
                List.of(images));
    }

    @Test
    void aManifestRoundTripsThroughJson() throws Exception {
        CountingManifest written = manifest(image("a", 24, List.of(new PixelBox(80, 175, 124, 217),
                new PixelBox(1, 2, 3, 4))), image("b", 300, List.of(new PixelBox(0, 0, 10, 10))));
        Path file = dir.resolve("sub/manifest.json");
        written.write(file);
        assertEquals(written, CountingManifest.read(file));
        assertTrue(Files.readString(file).contains("\"package\" : \"python3-skimage\""), "provenance as 'package'");
        assertEquals(dir.resolve("pictures/a.png"), written.imageFile(file, written.images().get(0)),
                "image paths start at imagesRoot, relative to the manifest's folder");
        assertEquals(new Box(80, 175, 44, 42),
                written.images().get(0).exemplarBoxes().get(0));
    }

    @Test
    void badManifestsAreRefusedWithTheReason() throws Exception {
        Path missing = dir.resolve("none.json");
        assertEquals("manifest " + missing + " does not exist",
                assertThrows(ManifestException.class, () -> CountingManifest.read(missing)).getMessage());

        Path file = dir.resolve("m.json");
        manifest(image("a", 5, List.of()), image("b", 5, List.of(new PixelBox(0, 0, 1, 1)))).write(file);
        assertTrue(assertThrows(ManifestException.class, () -> CountingManifest.read(file)).getMessage()
                .endsWith("image a: 0 exemplar boxes, expected 1 to 3"));

        List<PixelBox> box = List.of(new PixelBox(0, 0, 1, 1));
        manifest(image("a", 5, box), image("a", 6, box)).write(file);
        assertTrue(assertThrows(ManifestException.class, () -> CountingManifest.read(file)).getMessage()
                .contains("every image needs a name of its own"));

        Files.writeString(file, Files.readString(file).replace(CountingManifest.FORMAT, "other/1"));
        assertTrue(assertThrows(ManifestException.class, () -> CountingManifest.read(file)).getMessage()
                .contains("has format other/1"));

        Files.writeString(file, "{\"format\": \"" + CountingManifest.FORMAT + "\", \"images\": [{\"name\": \"a\", "
                + "\"path\": \"a.png\", \"kind\": \"photo\", \"count\": 3, \"exemplars\": [{\"x1\": 5, \"y1\": 0, "
                + "\"x2\": 5, \"y2\": 1}]}]}");
        assertTrue(assertThrows(ManifestException.class, () -> CountingManifest.read(file)).getMessage()
                .contains("is empty"), "an empty box");
    }

    @Test
    void missingImagesAreListedWithWhatProducesThem() throws Exception {
        Path file = dir.resolve("set/manifest.json");
        manifest(image("a", 5, List.of(new PixelBox(0, 0, 1, 1)))).write(file);
        ManifestException e = assertThrows(ManifestException.class, () -> CountingManifest.readWithImages(file));
        assertTrue(e.getMessage().startsWith("1 of the 1 images of " + file + " are missing ("
                + dir.resolve("pictures/a.png") + ")"), e.getMessage());
        assertTrue(e.getMessage().endsWith("they come from: scripts/fetch-me.sh"), e.getMessage());
    }

    @Test
    void licencesFollowDep5WithInstallPrefixesAndFlattenedFolders() {
        DebianCopyright c = DebianCopyright.parse("pkg", """
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

                Files: *
                Copyright: someone
                License: GPL-2+

                Files: nature/Aqua.jpg
                       nature/Wood.jpg
                License: CC-BY-4.0
                 Some licence text.

                Files: 16.04/Bridge_by_Someone.jpg
                License: CC0-1.0

                Files: debian/*
                  README
                License: Expat
                """);
        assertEquals("CC-BY-4.0", c.licenceOf("usr/share/backgrounds/mate/nature/Wood.jpg"), "under a prefix");
        assertEquals("CC0-1.0", c.licenceOf("./usr/share/backgrounds/Bridge_by_Someone.jpg"), "source folder dropped");
        assertEquals("GPL-2+", c.licenceOf("usr/share/backgrounds/mate/other/Wood.jpg.bak"));
        assertEquals("GPL-2+", c.licenceOf("usr/share/tuxpaint/stamps/food/fruit/orange.png"),
                "'debian/*' does not reach beyond debian/");
        assertEquals("Expat", c.licenceOf("usr/share/doc/pkg/README"), "continuation lines of Files: count too");
    }

    @Test
    void theSplitRuleIsFixedAndHoldsOutAboutAThird() {
        assertEquals(DatasetSplit.EVAL, DatasetSplit.of("apple"));
        assertEquals(DatasetSplit.EVAL, DatasetSplit.of("penny"));
        assertEquals(DatasetSplit.TRAIN, DatasetSplit.of("banana"));
        assertEquals(DatasetSplit.TRAIN, DatasetSplit.of("strawberry"));
        long held = IntStream.range(0, 3000).filter(i -> DatasetSplit.of("key" + i) == DatasetSplit.EVAL).count();
        assertEquals(1000, held, 80);
        assertEquals(DatasetSplit.TRAIN, DatasetSplit.parse("Train"));
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.parse("test"));
    }

    @Test
    void cutOutVariantsShareTheirSplitKey() {
        assertEquals("apple", CutoutLibrary.group("food/fruit/apple_granny_smith"));
        assertEquals("apple", CutoutLibrary.group("food/fruit/cartoon/apple"));
        assertEquals("penny", CutoutLibrary.group("symbols/money/canadian/coins/001penny"));
        assertEquals("dreydl", CutoutLibrary.group("seasonal/hanukkah/dreydl-gimmel_mirror"));
        assertEquals("symbols/money/euro/coins", CutoutLibrary.group("symbols/money/euro/coins/050"),
                "a name without letters: its folder");
        assertEquals("food/fruit", CutoutLibrary.category("food/fruit/cartoon/apple"));
    }

    @Test
    void thePlanSpreadsCountsFromTenToThreeHundredOverEveryKindOfScene() {
        List<SceneSpec> plan = SceneSpec.plan(12, 10, 300, 1);
        assertEquals(10, plan.get(0).count());
        assertEquals(300, plan.get(11).count());
        for (int i = 1; i < plan.size(); i++) {
            assertTrue(plan.get(i).count() > plan.get(i - 1).count());
        }
        for (SceneLayout layout : SceneLayout.values()) {
            assertEquals(4, plan.stream().filter(s -> s.layout() == layout).count(), layout.label());
        }
        assertEquals(3, plan.stream().filter(SceneSpec::multicolour).count());
        assertEquals(6, plan.stream().filter(SceneSpec::textured).count());
        assertThrows(IllegalArgumentException.class, () -> SceneSpec.plan(3, 20, 10, 1));
    }
}
