package dev.visionstream.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The demo's counting part: two cameras with the {@code counting} stage and hand-drawn exemplar boxes receive
 * the sample images {@code coins.png} and {@code smarties.png} as frames; their counts are printed and the density
 * overlays copied from the artifact store into the output folder.
 */
final class CountingDemo {
    private record Sample(String camera, String asset, int trueCount, List<Box> exemplars) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("coins", "x/python3-skimage/usr/lib/python3/dist-packages/skimage/data/coins.png", 24,
                    List.of(new Box(80, 175, 44, 42), new Box(185, 105, 42, 40), new Box(251, 172, 46, 45))),
            new Sample("smarties", "x/opencv-doc/usr/share/doc/opencv-doc/examples/data/smarties.png", 14,
                    List.of(new Box(179, 184, 53, 55), new Box(242, 91, 54, 54), new Box(264, 188, 54, 52))));

    private final PrintStream out;

    CountingDemo(PrintStream out) {
        this.out = out;
    }

    /** Returns how many samples were counted. */
    int run(Map<String, Object> client, VisionService service, Path outputDir, Duration timeout) throws Exception {
        Map<String, CountEvent> counts = new ConcurrentHashMap<>();
        try (EventTap tap = new EventTap(client, List.of(Topics.COUNTS, Topics.ERRORS), (topic, key, json, at) -> {
            try {
                if (topic.equals(Topics.COUNTS)) {
                    CountEvent e = Json.MAPPER.readValue(json, CountEvent.class);
                    counts.put(e.source().cameraId(), e);
                } else if (SAMPLES.stream().anyMatch(s -> s.camera().equals(key))) {
                    ErrorEvent e = Json.MAPPER.readValue(json, ErrorEvent.class);
                    out.printf("[%s] %s %s: %s%n", topic, key, e.reason(), e.message());
                }
            } catch (JsonProcessingException e) {
                out.println("[" + topic + "] unreadable event: " + e.getOriginalMessage());
            }
        })) {
            Properties producerSettings = new Properties();
            producerSettings.putAll(client);
            producerSettings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
            int sent = 0;
            try (FrameProducer producer = FrameProducer.create(producerSettings, service.artifacts())) {
                for (Sample s : SAMPLES) {
                    Path file = SampleMedia.assetDir().resolve(s.asset());
                    if (!Files.isRegularFile(file)) {
                        out.println("counting demo: " + file + " missing, skipping " + s.camera());
                        continue;
                    }
                    CameraRegistry.publish(client, new CameraConfig(s.camera(), List.of(CountingStage.NAME),
                            "replay", null, s.exemplars(), null, null, null));
                    byte[] png = Files.readAllBytes(file);
                    BufferedImage image = ImageIO.read(file.toFile());
                    producer.send(new Frame(s.camera(), 0, Instant.now(), CaptureTimeSource.HOST, image.getWidth(),
                            image.getHeight(), "image/png", png));
                    sent++;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (counts.size() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        for (Sample s : SAMPLES) {
            CountEvent e = counts.get(s.camera());
            if (e == null) {
                continue;
            }
            out.printf("[%s] %s: count %.1f (true %d) with %s %s, %d peaks, %s%n", Topics.COUNTS, s.camera(),
                    e.count(), s.trueCount(), e.model().name(), e.model().version(), e.peaks().size(), e.timingsMs());
            if (e.densityOverlay() != null) {
                Files.write(outputDir.resolve(s.camera() + "-density.png"),
                        service.artifacts().get(e.densityOverlay()));
            }
        }
        return counts.size();
    }
}
