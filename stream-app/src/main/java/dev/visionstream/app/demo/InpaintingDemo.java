package dev.visionstream.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.inpainting.OpenCvInpainter;
import dev.visionstream.models.inpainting.training.InpaintingAssets;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.InpaintEvent;
import dev.visionstream.schemas.Json;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

/**
 * The demo's inpainting camera: one sample photograph (astronaut.png) with a generated irregular mask stored in the
 * artifact store, sent through the topology; the RN result from the {@code InpaintEvent} is drawn next to the input,
 * the mask and OpenCV Telea as {@code inpainting-comparison.png}.
 */
final class InpaintingDemo {
    static final String CAMERA = "inpaint-sample";

    private final BufferedImage image;
    private final InpaintMask mask;
    private final AtomicReference<InpaintEvent> event = new AtomicReference<>();
    private String maskUri;

    private InpaintingDemo(BufferedImage image, InpaintMask mask) {
        this.image = image;
        this.mask = mask;
    }

    /** Empty when the sample image is not available (the fetch script has not run). */
    static Optional<InpaintingDemo> prepare() throws IOException {
        Path file = SampleMedia.assetDir().resolve(InpaintingAssets.IMAGES.get(0));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        BufferedImage picture = ImageIO.read(file.toFile());
        return Optional.of(new InpaintingDemo(picture,
                IrregularMasks.generate(picture.getWidth(), picture.getHeight(), 0.15, 0.25, new Random(7))));
    }

    CameraConfig camera(ArtifactStore artifacts) throws IOException {
        maskUri = artifacts.put(PngBytes.of(mask.toImage()), "image/png").uri();
        return new CameraConfig(CAMERA, List.of(InpaintingStage.NAME), "replay", null, null, maskUri, null, null);
    }

    void send(FrameProducer producer) throws IOException {
        byte[] bytes = PngBytes.of(image);
        producer.send(new Frame(CAMERA, 0, Instant.now(), CaptureTimeSource.HOST, image.getWidth(), image.getHeight(),
                "image/png", bytes));
        producer.flush();
    }

    /** Takes the camera's event from {@code vision.inpainted}; returns whether it was one. */
    boolean accept(String json, PrintStream out) throws JsonProcessingException {
        InpaintEvent e = Json.MAPPER.readValue(json, InpaintEvent.class);
        if (!CAMERA.equals(e.source().cameraId())) {
            return false;
        }
        event.set(e);
        out.printf("[vision.inpainted] %s #%d %s (%s %s): %.1f%% holes filled in %.0f ms -> %s%n",
                e.source().cameraId(), e.source().sequence(), e.method(), e.model().name(), e.model().version(),
                100 * e.maskFraction(), e.timingsMs().getOrDefault("model", 0.0), e.output().uri());
        return true;
    }

    boolean done() {
        return event.get() != null;
    }

    /** Writes input | mask | RN (from the stream) | Telea; returns false when the event never came. */
    boolean writePicture(ArtifactStore artifacts, Path outputDir) throws IOException {
        InpaintEvent e = event.get();
        if (e == null) {
            return false;
        }
        BufferedImage rn = ImageIO.read(new ByteArrayInputStream(artifacts.get(e.output())));
        BufferedImage telea;
        try (Inpainter opencv = new OpenCvInpainter(InpaintMethod.TELEA)) {
            telea = Inpainting.run(opencv, image, mask).image();
        }
        BufferedImage masked = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                masked.setRGB(x, y, mask.isHole(x, y) ? 0xffffff : image.getRGB(x, y));
            }
        }
        List<BufferedImage> panels = List.of(image, masked, rn, telea);
        List<String> titles = List.of("input", String.format("mask (%.0f%% holes)", 100 * mask.holeFraction()),
                "RN " + e.model().name() + " (stream)", "OpenCV Telea");
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage sheet = new BufferedImage(4 * w, h + 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), i * w, 28, null);
            g.drawString(titles.get(i), i * w + 8, 20);
        }
        g.dispose();
        ImageIO.write(sheet, "png", outputDir.resolve("inpainting-comparison.png").toFile());
        return true;
    }

}
