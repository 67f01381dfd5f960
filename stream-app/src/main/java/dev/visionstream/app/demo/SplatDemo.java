package dev.visionstream.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.stages.splatting.SplattingStage;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.splatting.GaussianPlyReader;
import dev.visionstream.models.splatting.GaussianRasterizer;
import dev.visionstream.models.splatting.GaussianScene;
import dev.visionstream.models.splatting.Pose;
import dev.visionstream.models.splatting.RenderCamera;
import dev.visionstream.models.splatting.SceneArtifacts;
import dev.visionstream.schemas.CameraCalibration;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.RigSettings;
import dev.visionstream.schemas.SplatEvent;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * The demo's stereo rig: the Middlebury "Aloe" pair from opencv-doc (at half size) replayed as two calibrated
 * cameras of one rig; the splatting stage builds the scene, and the demo writes its .ply, the preview and renders
 * from new viewpoints (read back from the .ply) to the output folder.
 */
final class SplatDemo {
    static final String RIG = "aloe-rig";
    static final String LEFT = "aloe-left";
    static final String RIGHT = "aloe-right";
    private static final String DATA = "x/opencv-doc/usr/share/doc/opencv-doc/examples/data/";
    /**
     * The pair is rectified; its focal and baseline are not shipped, and any consistent values give the same
     * pixels.
     */
    private static final double BASELINE = 0.16;

    private final BufferedImage left;
    private final BufferedImage right;
    private final PrintStream out;
    private final List<SplatEvent> scenes = new CopyOnWriteArrayList<>();

    private SplatDemo(BufferedImage left, BufferedImage right, PrintStream out) {
        this.left = left;
        this.right = right;
        this.out = out;
    }

    /** Empty (with a printed reason) when the stereo pair was not fetched. */
    static Optional<SplatDemo> prepare(PrintStream out) throws IOException {
        Path dir = SampleMedia.assetDir().resolve(DATA);
        if (!Files.isRegularFile(dir.resolve("aloeL.jpg")) || !Files.isRegularFile(dir.resolve("aloeR.jpg"))) {
            out.println("aloe stereo pair unavailable: running without the splatting rig");
            return Optional.empty();
        }
        return Optional.of(new SplatDemo(half(ImageIO.read(dir.resolve("aloeL.jpg").toFile())),
                half(ImageIO.read(dir.resolve("aloeR.jpg").toFile())), out));
    }

    CameraConfig[] cameras() {
        int w = left.getWidth();
        int h = left.getHeight();
        List<Double> k = List.of((double) w, 0.0, (w - 1) / 2.0, 0.0, (double) w, (h - 1) / 2.0, 0.0, 0.0, 1.0);
        RigSettings rig = new RigSettings(2, 40L, 10_000L, false, List.of(0));
        return new CameraConfig[] {
            new CameraConfig(LEFT, List.of(SplattingStage.NAME), "replay", null, null, null, RIG, 0,
                    new CameraCalibration(k, pose(0), null), rig),
            new CameraConfig(RIGHT, List.of(SplattingStage.NAME), "replay", null, null, null, RIG, 1,
                    new CameraCalibration(k, pose(BASELINE), null), rig)};
    }

    private static List<Double> pose(double x) {
        return List.of(1.0, 0.0, 0.0, x, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0);
    }

    /** One capture of the rig: both views with the same capture time, lossless. */
    void ingest(FrameProducer producer) {
        Instant capture = Instant.now();
        producer.send(frame(LEFT, left, capture));
        producer.send(frame(RIGHT, right, capture));
        producer.flush();
        out.printf("ingested: %s stereo pair (%dx%d) as cameras %s and %s%n", RIG, left.getWidth(), left.getHeight(),
                LEFT, RIGHT);
    }

    private static Frame frame(String camera, BufferedImage image, Instant capture) {
        return new Frame(camera, 0, capture, CaptureTimeSource.FILE_TIME, image.getWidth(), image.getHeight(),
                SceneArtifacts.PNG_CONTENT_TYPE, PngBytes.of(image));
    }

    void onSplat(String json) throws JsonProcessingException {
        SplatEvent e = Json.MAPPER.readValue(json, SplatEvent.class);
        scenes.add(e);
        out.printf("[vision.splats] %s: %,d Gaussians (%,d before pruning) from %d views by %s in %.0f ms%n",
                e.rigId(), e.gaussians(), e.gaussiansBeforePruning(), e.viewCount(), e.model().name(),
                e.timingsMs().getOrDefault("total", 0.0));
    }

    boolean complete() {
        return !scenes.isEmpty();
    }

    /** The scene (.ply), its preview, and renders of the .ply read back, from between and beside the cameras. */
    int writePictures(Path outputDir, ArtifactStore artifacts) throws IOException {
        if (scenes.isEmpty()) {
            return 0;
        }
        SplatEvent e = scenes.get(0);
        byte[] ply = artifacts.get(e.scene());
        Files.write(outputDir.resolve(RIG + "-scene.ply"), ply);
        Files.write(outputDir.resolve(RIG + "-preview.png"), artifacts.get(e.preview()));
        GaussianScene scene = GaussianPlyReader.read(new ByteArrayInputStream(ply));
        double[] k = e.intrinsics().get(0).stream().mapToDouble(Double::doubleValue).toArray();
        double near = 0.1 / e.scale();
        int pictures = 2;
        // the normalised frame: view 0 at the origin, view 1 one unit to the right
        double[][] viewpoints = {{0.5, 0, 0, 0}, {1.0, 0, 0, 0}, {0.5, -0.3, 0, 4}};
        String[] names = {"between-views", "at-right-camera", "raised-turned"};
        for (int i = 0; i < viewpoints.length; i++) {
            double a = Math.toRadians(viewpoints[i][3]);
            double[] yaw = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
            Pose pose = new Pose(yaw, new double[] {viewpoints[i][0], viewpoints[i][1], viewpoints[i][2]});
            RenderCamera camera = RenderCamera.of(pose, k, e.width(), e.height(), near);
            ImageIO.write(new GaussianRasterizer().render(scene, camera).toImage(), "png",
                    outputDir.resolve(RIG + "-render-" + names[i] + ".png").toFile());
            pictures++;
        }
        return pictures;
    }

    private static BufferedImage half(BufferedImage in) {
        BufferedImage outImage = new BufferedImage(in.getWidth() / 2, in.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        var g = outImage.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, outImage.getWidth(), outImage.getHeight(), null);
        g.dispose();
        return outImage;
    }
}
