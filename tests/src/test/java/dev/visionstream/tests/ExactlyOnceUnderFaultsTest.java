package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.stages.CameraHealthStage;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under faults. The service runs as separate JVMs against a broker in this JVM while frames keep
 * arriving; a fault is injected mid-run (SIGKILL of the app, a broker restart, an instance leaving and coming back).
 * A read_committed consumer must then see exactly one health evaluation per frame, in order per camera, and the
 * stateful health stage must resume from its changelog: frames are contiguous and changing, so any alert after a
 * recovery (a false sequence gap or frozen run) means state was lost.
 */
class ExactlyOnceUnderFaultsTest {
    private static final int CAMERAS = 8;
    private static final int FRAMES_PER_CAMERA = 250;
    private static final int TOTAL = CAMERAS * FRAMES_PER_CAMERA;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    /** The fault injected while frames flow; gets the running scenario. */
    @FunctionalInterface
    interface Fault {
        void inject(Scenario s) throws Exception;
    }

    @Test
    void killNineThreeTimesLosesAndDuplicatesNothing() throws Exception {
        run(1, 40, s -> {
            Random random = new Random(42);
            List<Integer> points = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                points.add(200 + random.nextInt(TOTAL - 600));
            }
            points.sort(Integer::compare);
            for (int point : points) {
                s.awaitEvaluations(point);
                s.apps.get(0).kill9();
                System.out.printf("faults: app killed -9 after %d evaluations seen%n", s.evaluations().size());
                s.apps.get(0).start();
            }
        });
    }

    @Test
    void brokerRestartMidRunRecoversWithoutManualAction() throws Exception {
        run(1, 40, s -> {
            s.awaitEvaluations(TOTAL / 3);
            s.broker.close();
            System.out.printf("faults: broker stopped after %d evaluations seen%n", s.evaluations().size());
            Thread.sleep(3_000);
            s.broker.start();
            System.out.println("faults: broker restarted on the same ports and data");
        });
    }

    @Test
    void anInstanceLeavingAndComingBackLosesNothingAndTakesWorkAgain() throws Exception {
        // slower frames, so there is still work when the instance comes back
        run(2, 200, s -> {
            s.awaitEvaluations(TOTAL / 5);
            System.out.printf("faults: before stopping, instance 1 processed %.0f, instance 2 %.0f frames%n",
                    s.framesProcessedBy(0), s.framesProcessedBy(1));
            s.apps.get(1).stop();
            System.out.printf("faults: instance 2 stopped after %d evaluations seen%n", s.evaluations().size());
            s.awaitEvaluations(TOTAL / 3);
            s.apps.get(1).start();
            System.out.println("faults: instance 2 started again");
            // after the rebalance the returning instance must process frames again
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            double processed = 0;
            while (processed == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                processed = s.framesProcessedBy(1);
            }
            assertTrue(processed > 0, "instance 2 took no work after coming back:\n" + s.apps.get(1).logTail());
            System.out.printf("faults: instance 2 processed %.0f frames after rejoining%n", processed);
        });
    }

    /** Broker, topics, cameras, {@code instances} app JVMs and a paced producer; injects the fault, then checks. */
    private void run(int instances, long frameIntervalMs, Fault fault) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).port(port)
                .controllerPort(controllerPort).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicCatalog.specs(8));
            }
            List<String> cameras = new ArrayList<>();
            for (int c = 0; c < CAMERAS; c++) {
                cameras.add("cam-" + c);
                CameraRegistry.publish(client, new CameraConfig("cam-" + c, List.of(CameraHealthStage.NAME), "replay",
                        new HealthThresholds(null, null, null, null, null, null, 600.0), null, null, null, null));
            }
            Path kafkaConfig = work.resolve("client.properties");
            // a killed instance's partitions move on after the session timeout: keep it short for the test; a returning
            // instance whose stores lag a little may take its tasks back at once instead of after warm-up
            Files.writeString(kafkaConfig, "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1500\n"
                    + "acceptable.recovery.lag=1000000\n");

            EventCollector events = new EventCollector();
            List<AppProcess> apps = new ArrayList<>();
            try (EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.ERRORS), events::onEvent)) {
                for (int i = 0; i < instances; i++) {
                    AppProcess app = new AppProcess(broker.bootstrapServers(), work.resolve("app-" + i), kafkaConfig,
                            "faults", work.resolve("app-" + i + ".log"), freePort());
                    apps.add(app);
                    app.start();
                }
                AtomicReference<Exception> producerFailure = new AtomicReference<>();
                Thread producer = new Thread(() -> produce(client, cameras, frameIntervalMs, producerFailure),
                        "paced-frames");
                producer.start();

                Scenario scenario = new Scenario(broker, apps, events);
                fault.inject(scenario);

                producer.join();
                assertEquals(null, producerFailure.get(), "producer failed");
                boolean complete = events.awaitQuietly(c -> evaluations(c).size() >= TOTAL, Duration.ofMinutes(3));
                Thread.sleep(2_000); // duplicates would arrive now
                assertTrue(complete, "only " + evaluations(events).size() + " of " + TOTAL + " evaluations; log:\n"
                        + apps.get(0).logTail());
                verifyExactlyOnceInOrder(events, cameras);
            } finally {
                for (AppProcess app : apps) {
                    app.close();
                }
            }
        }
    }

    private static void verifyExactlyOnceInOrder(EventCollector events, List<String> cameras) {
        Map<String, List<Long>> perCamera = new TreeMap<>();
        for (JsonNode e : evaluations(events)) {
            perCamera.computeIfAbsent(e.at("/source/cameraId").asText(), k -> new ArrayList<>())
                    .add(e.at("/source/sequence").asLong());
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s < FRAMES_PER_CAMERA; s++) {
            expected.add(s);
        }
        for (String camera : cameras) {
            assertEquals(expected, perCamera.get(camera), camera + ": every frame exactly once, in order");
        }
        List<JsonNode> alerts = evaluations(events).stream().filter(e -> e.get("status").asText().equals("alert"))
                .toList();
        assertEquals(List.of(), alerts, "state resumed: no spurious gaps or frozen runs after recovery");
        assertEquals(List.of(), events.on(Topics.ERRORS), "no errors");
        System.out.printf("faults: %d frames, %d evaluations checked, 0 missing, 0 duplicated, in order%n", TOTAL,
                evaluations(events).size());
    }

    /** What a fault can act on. */
    static final class Scenario {
        final EmbeddedKafkaBroker broker;
        final List<AppProcess> apps;
        final EventCollector events;

        Scenario(EmbeddedKafkaBroker broker, List<AppProcess> apps, EventCollector events) {
            this.broker = broker;
            this.apps = apps;
            this.events = events;
        }

        List<JsonNode> evaluations() {
            return ExactlyOnceUnderFaultsTest.evaluations(events);
        }

        void awaitEvaluations(int count) throws InterruptedException {
            events.await(c -> ExactlyOnceUnderFaultsTest.evaluations(c).size() >= count, Duration.ofMinutes(2),
                    count + " evaluations");
        }

        /** Sum of vision_frames_total scraped from one instance's metrics endpoint (0 when unreachable). */
        double framesProcessedBy(int instance) {
            try {
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apps.get(instance).metricsPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return text.lines().filter(l -> l.startsWith("vision_frames_total{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private static List<JsonNode> evaluations(EventCollector c) {
        return c.on(Topics.CAMERA_HEALTH).stream().filter(e -> e.has("frame")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One frame per camera every {@code intervalMs}, each different so none looks frozen. */
    private static void produce(Map<String, Object> client, List<String> cameras, long intervalMs,
                                AtomicReference<Exception> failure) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            Map<String, Random> noise = new HashMap<>();
            for (int seq = 0; seq < FRAMES_PER_CAMERA; seq++) {
                for (String camera : cameras) {
                    RecordHeaders headers = new RecordHeaders();
                    FrameHeaders.put(headers, FrameHeaders.SEQUENCE, seq);
                    FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/jpeg");
                    byte[] frame = frame(noise.computeIfAbsent(camera, c -> new Random(c.hashCode())));
                    producer.send(new ProducerRecord<>(Topics.FRAMES, null, System.currentTimeMillis(), camera, frame,
                            headers));
                }
                Thread.sleep(intervalMs);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private static byte[] frame(Random random) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int by = 0; by < 48; by += 8) {
            for (int bx = 0; bx < 64; bx += 8) {
                int v = 40 + random.nextInt(170);
                for (int y = by; y < by + 8; y++) {
                    for (int x = bx; x < bx + 8; x++) {
                        image.setRGB(x, y, (v << 16) | (v << 8) | v);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
