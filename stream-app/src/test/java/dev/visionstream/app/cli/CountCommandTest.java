package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.counting.VerifiedInstances;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vision count} against the library call on the same image and boxes (the stage is checked the same way),
 * and {@code vision bench count}'s refusal of a backbone it cannot load.
 */
class CountCommandTest {
    @TempDir
    Path dir;

    @Test
    void theCliPrintsTheLibrarysCountPeaksAndExemplars() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        Path image = dir.resolve("scene.png");
        ImageIO.write(scene.image(), "png", image.toFile());
        List<String> args = new ArrayList<>(List.of("count", "--image", image.toString(), "--json", "--overlay",
                dir.resolve("overlay.png").toString()));
        for (Box b : scene.exemplars()) {
            args.add("--exemplar");
            args.add(b.x() + "," + b.y() + "," + b.width() + "," + b.height());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());

        CountResult library;
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            library = counter.count(ImageIO.read(image.toFile()), scene.exemplars());
        }
        assertEquals(library.count(), json.get("count").asDouble(), 1e-9, "CLI and library agree");
        assertEquals(library.peaks().size(), json.get("peaks").size());
        assertEquals(library.verifiedCount(), json.get("verifiedCount").asInt());
        assertEquals(library.verified().size(), json.get("verifiedInstances").size());
        assertEquals(scene.exemplars().size(), json.get("exemplars").size());
        assertEquals("filterbank-thin", json.at("/model/name").asText());
        assertTrue(Files.size(dir.resolve("overlay.png")) > 0, "overlay written");
    }

    @Test
    void aBoxOutsideTheImageExitsWithTwoAndSaysWhy() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        Path image = dir.resolve("scene.png");
        ImageIO.write(scene.image(), "png", image.toFile());
        CliRun run = CliRun.of("count", "--image", image.toString(), "--exemplar", "400,300,20,20");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("vision count: "), run.err());
    }

    @Test
    void aFileThatIsNotAPictureIsOneLineThatNamesIt() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.png"), "not a picture");
        CliRun run = CliRun.of("count", "--image", notes.toString(), "--exemplar", "1,2,3,4");
        BadInputAssert.assertReported(run, "--image " + notes);
    }

    @Test
    void aMalformedBoxIsOneLineThatNamesIt() throws Exception {
        Path image = dir.resolve("scene.png");
        ImageIO.write(SyntheticScene.generate(11, 320, 240, 9).image(), "png", image.toFile());
        CliRun run = CliRun.of("count", "--image", image.toString(), "--exemplar", "1,2,x,4");
        BadInputAssert.assertReported(run, "--exemplar 1,2,x,4");
    }

    @Test
    void aSuppliedVerifierReplacesTheBuiltInOne() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        Path image = dir.resolve("scene.png");
        ImageIO.write(scene.image(), "png", image.toFile());
        Path strict = dir.resolve("strict.json");
        VerifiedInstances.builtIn().withRule(0.999999, 1.0).write(strict);
        List<String> args = new ArrayList<>(List.of("count", "--image", image.toString(), "--json"));
        for (Box b : scene.exemplars()) {
            args.add("--exemplar");
            args.add(b.x() + "," + b.y() + "," + b.width() + "," + b.height());
        }
        JsonNode builtIn = Json.MAPPER.readTree(CliRun.of(args.toArray(String[]::new)).out());
        args.addAll(List.of("--verifier", strict.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode supplied = Json.MAPPER.readTree(run.out());
        assertTrue(builtIn.get("verifiedCount").asInt() > 0, builtIn.toString());
        assertTrue(supplied.get("verifiedCount").asInt() < builtIn.get("verifiedCount").asInt(),
                "a stricter threshold keeps fewer objects: " + supplied.get("verifiedCount"));
    }

    @Test
    void aVerifierFileThatIsNotOneIsOneLineThatNamesIt() throws Exception {
        Path image = dir.resolve("scene.png");
        ImageIO.write(SyntheticScene.generate(11, 320, 240, 9).image(), "png", image.toFile());
        Path notes = Files.writeString(dir.resolve("verifier.json"), "{\"format\": \"something else\"}");
        CliRun run = CliRun.of("count", "--image", image.toString(), "--exemplar", "10,10,30,30", "--verifier",
                notes.toString());
        BadInputAssert.assertReported(run, "--verifier " + notes);
    }

    @Test
    void aDetectorFolderWithoutTheModelIsOneLineThatNamesIt() throws Exception {
        Path image = dir.resolve("scene.png");
        ImageIO.write(SyntheticScene.generate(11, 320, 240, 9).image(), "png", image.toFile());
        Path empty = Files.createDirectories(dir.resolve("detector"));
        CliRun run = CliRun.of("count", "--image", image.toString(), "--exemplar", "10,10,30,30", "--detector",
                empty.toString());
        BadInputAssert.assertReported(run, "--detector " + empty);
    }

    @Test
    void theBenchRefusesABackboneThatCannotLoadInOneLine() {
        CliRun run = CliRun.of("bench", "count", "--backbone", dir.resolve("missing.pt").toString());
        assertEquals(2, run.exitCode());
        String expected = "vision bench count: backbone file " + dir.resolve("missing.pt").toAbsolutePath()
                + " does not exist";
        // stderr also carries the engine's own log lines
        assertTrue(run.err().lines().anyMatch(expected::equals), run.err());
    }
}
