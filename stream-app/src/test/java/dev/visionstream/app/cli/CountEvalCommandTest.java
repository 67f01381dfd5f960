package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.counting.CountRequest;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.counting.evaluation.CountingEvaluation;
import dev.visionstream.models.counting.evaluation.CountingManifest;
import dev.visionstream.models.counting.evaluation.ManifestImage;
import dev.visionstream.models.counting.evaluation.PixelBox;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vision count eval} gives each image the count that {@code vision count} and the library give it, scores it
 * against the manifest's truth, and refuses a missing manifest or image in one line.
 */
class CountEvalCommandTest {
    @TempDir
    Path dir;

    private Path manifestOfTwoScenes() throws Exception {
        List<ManifestImage> images = new ArrayList<>();
        for (int seed : new int[] {11, 12}) {
            SyntheticScene scene = SyntheticScene.generate(seed, 320, 240, 9 + seed);
            ImageIO.write(scene.image(), "png", dir.resolve("scenes/s" + seed + ".png").toFile());
            images.add(new ManifestImage("s" + seed, "s" + seed + ".png", ManifestImage.COMPOSITE, scene.targets(),
                    scene.exemplars().stream().map(b -> new PixelBox((int) b.x(), (int) b.y(),
                            (int) (b.x() + b.width()), (int) (b.y() + b.height()))).toList(), List.of("scatter"),
                    null, null, List.of(), null));
        }
        Path file = dir.resolve("m/manifest.json");
        new CountingManifest(CountingManifest.FORMAT, "two synthetic scenes", "../scenes", List.of(), images)
                .write(file);
        return file;
    }

    @Test
    void eachImageGetsTheCountOfVisionCountAndTheLibrary() throws Exception {
        dir.resolve("scenes").toFile().mkdirs();
        Path file = manifestOfTwoScenes();
        CliRun run = CliRun.of("count", "eval", "--manifest", file.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = Json.MAPPER.readTree(run.out());
        CountingManifest manifest = CountingManifest.read(file);
        double sum = 0;
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            for (int i = 0; i < 2; i++) {
                ManifestImage entry = manifest.images().get(i);
                Path image = manifest.imageFile(file, entry);
                double library = CountingEvaluation.count(counter, ImageIO.read(image.toFile()), entry,
                        CountRequest.DEFAULT_ESTIMATOR).count();
                JsonNode scored = report.get("images").get(i);
                assertEquals(entry.name(), scored.get("name").asText());
                assertEquals(library, scored.get("count").asDouble(), 1e-9, "eval and library agree");
                assertEquals(entry.count(), scored.get("truth").asInt());
                double error = Math.abs(library - entry.count()) / entry.count();
                assertEquals(error, scored.get("relativeError").asDouble(), 1e-12);
                sum += error;

                List<String> args = new ArrayList<>(List.of("count", "--image", image.toString(), "--json"));
                for (Box b : entry.exemplarBoxes()) {
                    args.add("--exemplar");
                    args.add(b.x() + "," + b.y() + "," + b.width() + "," + b.height());
                }
                CliRun single = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, single.exitCode(), single.err());
                assertEquals(library, Json.MAPPER.readTree(single.out()).get("count").asDouble(), 1e-9,
                        "eval and 'vision count' agree");
            }
        }
        assertEquals(sum / 2, report.get("meanRelativeError").asDouble(), 1e-12);
        assertEquals("filterbank-thin", report.at("/model/name").asText());

        CliRun text = CliRun.of("count", "eval", "--manifest", file.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("mean relative error ")
                && l.contains("over 2 images") && l.contains("worst: s1")), text.out());
    }

    @Test
    void aMissingManifestOrImageExitsWithTwoAndSaysWhich() throws Exception {
        Path none = dir.resolve("none.json");
        CliRun run = CliRun.of("count", "eval", "--manifest", none.toString());
        BadInputAssert.assertReported(run, "--manifest " + none);

        dir.resolve("scenes").toFile().mkdirs();
        Path file = manifestOfTwoScenes();
        Path gone = dir.resolve("scenes/s12.png");
        assertTrue(gone.toFile().delete());
        CliRun missing = CliRun.of("count", "eval", "--manifest", file.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("vision count eval: 1 of the 2 images of " + file + " are missing ("
                + gone + ")"), missing.err());
    }
}
