package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.ServiceOptions;
import dev.visionstream.app.runtime.VisionService;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in a record may choose a file, a model or a URL to load: only the operator's config can. A canary image
 * lies outside the artifact store; every header the service defines is pointed at it (as a path, a file: URI, a
 * traversal and a URL) on frames of a camera with every registered stage enabled. Had anything read the canary, an
 * event would report its unusual 17x13 size.
 */
class LeastTrustEndToEndTest {
    private static final int CANARY_WIDTH = 17;
    private static final int CANARY_HEIGHT = 13;

    @TempDir
    Path work;

    @Test
    void noHeaderValueMakesTheServiceReadAFileOrUrl() throws Exception {
        Path canary = work.resolve("outside").resolve("canary.jpg");
        Files.createDirectories(canary.getParent());
        Files.write(canary, jpeg(CANARY_WIDTH, CANARY_HEIGHT));
        // a mask the size of the frames whose top third is the hole: an inpainting event with that fraction means
        // a record made the service read it
        Path canaryMask = canary.resolveSibling("canary-mask.png");
        ImageIO.write(thirdMask(64, 48), "png", canaryMask.toFile());
        Path artifacts = work.resolve("artifacts");
        List<String> hostileValues = List.of(canary.toString(), canary.toUri().toString(),
                "artifact://named/../../outside/canary.jpg", "artifact://sha256/../../outside/canary.jpg",
                artifacts.relativize(canary).toString(), "http://127.0.0.1:9/canary.jpg", canaryMask.toString(),
                canaryMask.toUri().toString());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            EventCollector events = new EventCollector();
            try (VisionService service = VisionService.start(client, ServiceOptions.builder()
                    .applicationId("least-trust")
                    .stateDir(work.resolve("streams"))
                    .artifactDir(artifacts)
                    .partitions(1)
                    .build(),
                         Duration.ofMinutes(2));
                 EventTap tap = new EventTap(client, Topics.ALL.stream().filter(t -> !t.equals(Topics.FRAMES)
                         && !t.equals(Topics.FRAMES_INPAINTED) && !t.equals(Topics.CAMERAS)).toList(), events::onEvent);
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings(client), new StringSerializer(),
                         new ByteArraySerializer())) {
                // the stages that resolve locations named in records: admission (claim-checks) and inpainting (masks)
                List<String> stages = List.of(CameraHealthStage.NAME, InpaintingStage.NAME);
                CameraRegistry.publish(client, new CameraConfig("trust-cam", stages, null, null, null, null, null,
                        null));
                service.awaitCameras(Duration.ofSeconds(30), "trust-cam");
                List<String> headerNames = headerNames();
                int records = 0;
                for (String header : headerNames) {
                    for (String value : hostileValues) {
                        // a claim-check travels with an empty value; every other header with a real frame
                        byte[] frame = jpeg(64, 48);
                        for (byte[] body : header.startsWith(FrameHeaders.CLAIM_CHECK) ? List.of(new byte[0], frame)
                                : List.of(frame)) {
                            RecordHeaders headers = new RecordHeaders();
                            FrameHeaders.put(headers, header, value);
                            producer.send(new ProducerRecord<>(Topics.FRAMES, null, System.currentTimeMillis(),
                                    "trust-cam", body, headers)).get();
                            records++;
                        }
                    }
                }
                int sent = records;
                // every record is admitted (one health evaluation) or rejected (one admission error), and every
                // admitted frame is inpainted or refused by the inpainting stage
                boolean complete = events.awaitQuietly(c -> {
                    long admitted = c.on(Topics.CAMERA_HEALTH).size();
                    long rejected = c.on(Topics.ERRORS).stream()
                            .filter(e -> e.get("stage").asText().equals("admission")).count();
                    long inpaintOutcomes = c.on(Topics.INPAINTED).size() + c.on(Topics.ERRORS).stream()
                            .filter(e -> e.get("stage").asText().equals(InpaintingStage.NAME)).count();
                    return admitted + rejected >= sent && inpaintOutcomes >= admitted;
                }, Duration.ofSeconds(180));
                assertTrue(complete, "not every record reached an outcome in time");
                Thread.sleep(1_000);

                List<JsonNode> all = new ArrayList<>();
                Topics.ALL.forEach(t -> all.addAll(events.on(t)));
                for (JsonNode e : all) {
                    assertTrue(!e.toString().contains("\"width\":" + CANARY_WIDTH + ","),
                            "an event reports the canary's size, so a record made the service read it: " + e);
                    assertTrue(!e.has("maskFraction") || Math.abs(e.get("maskFraction").asDouble() - 1.0 / 3) > 1e-6,
                            "an inpainting event used the canary mask, so a record made the service read it: " + e);
                }
                System.out.printf("least trust: %d headers x %d hostile values, %d records, %d events, "
                                + "canary never read%n",
                        headerNames.size(), hostileValues.size(), records, all.size());
            }
        }
    }

    private static BufferedImage thirdMask(int w, int h) {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h / 3; y++) {
            for (int x = 0; x < w; x++) {
                mask.setRGB(x, y, 0xffffffff);
            }
        }
        return mask;
    }

    /** Every header name the service defines, so headers added later are covered without editing this test. */
    private static List<String> headerNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : FrameHeaders.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    private static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x * 13) & 0xff) << 16 | ((y * 29) & 0xff) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static Properties settings(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        return p;
    }
}
