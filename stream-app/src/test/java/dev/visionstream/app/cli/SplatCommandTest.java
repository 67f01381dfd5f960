package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.splatting.GaussianPlyReader;
import dev.visionstream.models.splatting.GaussianRasterizer;
import dev.visionstream.models.splatting.Mat3;
import dev.visionstream.models.splatting.Pose;
import dev.visionstream.models.splatting.SceneArtifacts;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.SplatView;
import dev.visionstream.models.splatting.StereoSplatPredictor;
import dev.visionstream.models.splatting.ViewCamera;
import dev.visionstream.schemas.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplatCommandTest {
    private static final String CAMERA = "{\"K\": [[80,0,39.5],[0,80,23.5],[0,0,1]], "
            + "\"camToWorld\": [[1,0,0,%s],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}";

    private static BufferedImage[] pair() {
        Random random = new Random(5);
        int[] texture = new int[100 * 48];
        for (int i = 0; i < texture.length; i++) {
            texture[i] = random.nextInt(0xffffff);
        }
        BufferedImage left = new BufferedImage(80, 48, BufferedImage.TYPE_INT_RGB);
        BufferedImage right = new BufferedImage(80, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 80; x++) {
                left.setRGB(x, y, texture[y * 100 + x + 10]);
                right.setRGB(x, y, texture[y * 100 + x + 14]);
            }
        }
        return new BufferedImage[] {left, right};
    }

    private static int run(PrintStream out, String... args) {
        PrintStream old = System.out;
        System.setOut(out);
        try {
            return VisionCli.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void writesTheSamePlyAsTheLibraryAndRendersAnInputFrameCamera(@TempDir Path dir) throws Exception {
        BufferedImage[] pair = pair();
        ImageIO.write(pair[0], "png", dir.resolve("l.png").toFile());
        ImageIO.write(pair[1], "png", dir.resolve("r.png").toFile());
        Files.writeString(dir.resolve("cams.json"), "[" + CAMERA.formatted("2") + "," + CAMERA.formatted("2.5") + "]");
        Files.writeString(dir.resolve("right.json"), CAMERA.formatted("2.5"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = run(new PrintStream(stdout), "splat", "--views", dir.resolve("l.png") + "," + dir.resolve("r.png"),
                "--cameras", dir.resolve("cams.json").toString(), "--out", dir.resolve("s.ply").toString(),
                "--keep-views", "0", "--preview", dir.resolve("p.png").toString(),
                "--render-camera", dir.resolve("right.json").toString(), "--render-out",
                dir.resolve("right.png").toString(), "--json");
        assertEquals(0, code, stdout.toString());
        JsonNode summary = Json.MAPPER.readTree(stdout.toString());
        assertEquals(2, summary.get("views").asInt());
        assertEquals(0.5, summary.get("scale").asDouble(), 1e-12);
        assertEquals(80 * 48, summary.get("gaussiansBeforePruning").asLong());
        ViewCamera left = new ViewCamera(new double[] {80, 0, 39.5, 0, 80, 23.5, 0, 0, 1},
                new Pose(Mat3.identity(), new double[] {2, 0, 0}), null);
        ViewCamera right = left.withPose(new Pose(Mat3.identity(), new double[] {2.5, 0, 0}));
        byte[] library = SceneArtifacts.ply(new SplatPipeline(new StereoSplatPredictor()).build(
                List.of(new SplatView(pair[0], left), new SplatView(pair[1], right)), Set.of(0)));
        assertArrayEquals(library, Files.readAllBytes(dir.resolve("s.ply")));
        assertEquals(summary.get("gaussians").asInt(), GaussianPlyReader.read(dir.resolve("s.ply")).count());
        // the render camera, given in input units, lines up with the real right view in the middle of the frame
        BufferedImage rendered = ImageIO.read(dir.resolve("right.png").toFile());
        double renderError = 0;
        double identityError = 0;
        for (int y = 10; y < 38; y++) {
            for (int x = 20; x < 60; x++) {
                renderError += difference(rendered.getRGB(x, y), pair[1].getRGB(x, y));
                identityError += difference(pair[0].getRGB(x, y), pair[1].getRGB(x, y));
            }
        }
        assertTrue(renderError < 0.8 * identityError, "render error " + renderError + " vs identity " + identityError);
        // and it is exactly the render at view 1's camera in the normalised frame
        var result = new SplatPipeline(new StereoSplatPredictor()).build(
                List.of(new SplatView(pair[0], left), new SplatView(pair[1], right)), Set.of(0));
        BufferedImage atView1 = new GaussianRasterizer().render(result.scene(), result.viewCamera(1)).toImage();
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 80; x++) {
                assertEquals(atView1.getRGB(x, y), rendered.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        assertEquals(80, ImageIO.read(dir.resolve("p.png").toFile()).getWidth());
    }

    private static int difference(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        return d;
    }

    @Test
    void badInputExitsWithAReason(@TempDir Path dir) throws Exception {
        ImageIO.write(pair()[0], "png", dir.resolve("l.png").toFile());
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr));
        try {
            int code = run(System.out, "splat", "--views", dir.resolve("l.png").toString(), "--out",
                    dir.resolve("s.ply").toString());
            assertEquals(2, code);
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(stderr.toString().contains("two or more views"), stderr.toString());
    }

    @Test
    void aMissingCameraFileIsOneLineThatNamesIt(@TempDir Path dir) throws Exception {
        BufferedImage[] pair = pair();
        ImageIO.write(pair[0], "png", dir.resolve("l.png").toFile());
        ImageIO.write(pair[1], "png", dir.resolve("r.png").toFile());
        Path cameras = dir.resolve("missing.json");
        CliRun run = CliRun.of("splat", "--views", dir.resolve("l.png") + "," + dir.resolve("r.png"), "--cameras",
                cameras.toString(), "--out", dir.resolve("s.ply").toString());
        String line = BadInputAssert.assertReported(run, "--cameras " + cameras);
        assertTrue(line.endsWith("no such file"), line);
    }

    @Test
    void aMalformedCameraFileSaysWhereItIsWrong(@TempDir Path dir) throws Exception {
        BufferedImage[] pair = pair();
        ImageIO.write(pair[0], "png", dir.resolve("l.png").toFile());
        ImageIO.write(pair[1], "png", dir.resolve("r.png").toFile());
        Path cameras = Files.writeString(dir.resolve("cams.json"), "[" + CAMERA.formatted("2") + ", {\"K\": [1, 2]}]");
        CliRun run = CliRun.of("splat", "--views", dir.resolve("l.png") + "," + dir.resolve("r.png"), "--cameras",
                cameras.toString(), "--out", dir.resolve("s.ply").toString());
        String line = BadInputAssert.assertReported(run, "--cameras " + cameras);
        assertTrue(line.endsWith("camera 1 K: expected 9 numbers, got 2"), line);
    }
}
