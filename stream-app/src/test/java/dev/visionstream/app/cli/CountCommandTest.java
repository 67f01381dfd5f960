package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vision count} against the library call on the same image and boxes (the stage is checked the same way). */
class CountCommandTest {
    @TempDir
    Path dir;

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new VisionCli()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, args.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
        JsonNode json = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));

        CountResult library;
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            library = counter.count(ImageIO.read(image.toFile()), scene.exemplars());
        }
        assertEquals(library.count(), json.get("count").asDouble(), 1e-9, "CLI and library agree");
        assertEquals(library.peaks().size(), json.get("peaks").size());
        assertEquals(scene.exemplars().size(), json.get("exemplars").size());
        assertEquals("filterbank-thin", json.at("/model/name").asText());
        assertTrue(Files.size(dir.resolve("overlay.png")) > 0, "overlay written");
    }

    @Test
    void aBoxOutsideTheImageExitsWithTwoAndSaysWhy() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(11, 320, 240, 9);
        Path image = dir.resolve("scene.png");
        ImageIO.write(scene.image(), "png", image.toFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err, "count", "--image", image.toString(), "--exemplar", "400,300,20,20"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("count: "), err.toString(StandardCharsets.UTF_8));
    }
}
