package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.S3ArtifactStore;
import dev.visionstream.ingest.S3rverProcess;
import dev.visionstream.models.splatting.GaussianPlyReader;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts, simulated: two service JVMs with separate work directories and no shared folder, both on one S3 bucket
 * (s3rver on loopback), and a consumer in a third directory. Frames over the in-band limit travel as claim-checks
 * through the bucket and are resolved by whichever instance owns their camera. A three-camera {@link TexturedRig}
 * feeds the splatting stage, whose views land on different partitions and meet in one instance. Mid-run one
 * instance is killed with -9 and restarted, then the store goes down and comes back on the same port and folder: a
 * read_committed consumer must still see exactly one result per input (one scene per rig round, holding all its
 * views), in order. The consumer then fetches with {@code vision artifact get} the density overlays and every
 * scene's .ply and preview that the instances wrote to the bucket, and checks each against its event.
 */
class S3TwoHostsTest {
    private static final List<String> BIG_CAMERAS = List.of("big-0", "big-1");
    private static final String COUNTING_CAMERA = "count-0";
    private static final int ROUNDS = 60;
    private static final int COUNT_EVERY = 6;
    private static final int COUNTING_FRAMES = ROUNDS / COUNT_EVERY;
    private static final int EVALUATIONS = BIG_CAMERAS.size() * ROUNDS + COUNTING_FRAMES;
    /** The rig sends a round every this many rounds, halfway between counting frames to spread the load. */
    private static final int SCENE_EVERY = 6;
    private static final int SCENES = ROUNDS / SCENE_EVERY;
    private static final long ROUND_INTERVAL_MS = 400;
    /** No stall alert however long a restart or an outage takes. */
    private static final HealthThresholds HEALTH = new HealthThresholds(null, null, null, null, null, null, 600.0);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void twoInstancesOnOneBucketLoseNothingThroughKillNineAndAStoreOutage() throws Exception {
        long started = System.nanoTime();
        try (S3rverProcess s3 = S3rverProcess.startOrSkip(work.resolve("s3rver"), "two-hosts test");
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka"))
                     .port(freePort()).controllerPort(freePort()).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicCatalog.specs(4));
            }
            for (String camera : BIG_CAMERAS) {
                CameraRegistry.publish(client, new CameraConfig(camera, List.of(CameraHealthStage.NAME), "replay",
                        HEALTH, null, null, null, null));
            }
            CameraRegistry.publish(client, new CameraConfig(COUNTING_CAMERA, List.of(CameraHealthStage.NAME,
                    CountingStage.NAME), "replay", HEALTH, List.of(new Box(8, 8, 12, 10)), null, null, null));
            TexturedRig.publish(client);
            Path kafkaConfig = work.resolve("client.properties");
            Files.writeString(kafkaConfig, "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1500\n"
                    + "acceptable.recovery.lag=1000000\n");
            // the instances give up on the store quickly, so the outage below aborts tasks rather than waiting it out
            List<String> store = List.of("-Dvision.artifact.store=s3", "-Dvision.artifact.s3.endpoint="
                    + s3.endpoint(), "-Dvision.artifact.s3.bucket=" + S3rverProcess.BUCKET,
                    "-Dvision.artifact.s3.prefix=two-hosts", "-Dvision.artifact.s3.path-style=true",
                    "-Dvision.artifact.s3.access-key=" + S3rverProcess.ACCESS_KEY,
                    "-Dvision.artifact.s3.secret-key=" + S3rverProcess.SECRET_KEY,
                    "-Dvision.artifact.s3.attempts=2", "-Dvision.artifact.s3.backoff-ms=100");

            EventCollector events = new EventCollector();
            List<AppProcess> apps = new ArrayList<>();
            try (EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.COUNTS, Topics.SPLATS,
                    Topics.ERRORS), events::onEvent);
                 S3ArtifactStore ingestStore = S3ArtifactStore.open(s3.settings("two-hosts").build());
                 FrameProducer frames = FrameProducer.connect(broker.bootstrapServers(), ingestStore)) {
                for (int i = 0; i < 2; i++) {
                    AppProcess app = new AppProcess(broker.bootstrapServers(), work.resolve("host-" + i), kafkaConfig,
                            "two-hosts", work.resolve("host-" + i + ".log"), -1, store);
                    apps.add(app);
                    app.start();
                }
                AtomicReference<Exception> producerFailure = new AtomicReference<>();
                Thread producer = new Thread(() -> {
                    try {
                        produce(frames);
                    } catch (Exception e) {
                        producerFailure.set(e);
                    }
                }, "two-hosts-workload");
                producer.start();

                for (AppProcess app : apps) {
                    awaitRunning(app, 1); // the kill must hit a running instance, and the count below starts at 1
                }
                await(events, ROUNDS / 3, apps);
                apps.get(0).kill9();
                System.out.printf("two hosts: host 0 killed -9 after %d evaluations%n", evaluations(events).size());
                apps.get(0).start();
                awaitRunning(apps.get(0), 2);
                s3.stop();
                int atOutage = evaluations(events).size();
                System.out.printf("two hosts: store down after %d evaluations%n", atOutage);
                assertTrue(producer.isAlive(), "the outage must come while frames still arrive");
                Thread.sleep(3_000);
                s3.startAgain();
                System.out.println("two hosts: store back on the same port and folder");

                producer.join();
                assertEquals(null, producerFailure.get(), "producer failed");
                boolean complete = events.awaitQuietly(S3TwoHostsTest::complete, TIMEOUT);
                Thread.sleep(2_000); // duplicates would arrive now
                assertTrue(complete, "incomplete: " + bySequence(evaluations(events)) + ", errors "
                        + events.on(Topics.ERRORS) + "; " + evaluations(events).size() + "/" + EVALUATIONS
                        + " evaluations, " + events.on(Topics.COUNTS).size() + "/" + COUNTING_FRAMES
                        + " counts, " + events.on(Topics.SPLATS).size() + "/" + SCENES + " scenes; logs:\n"
                        + apps.get(0).logTail() + "\n" + apps.get(1).logTail());
                verifyExactlyOnce(events);
                BucketConsumer consumer = new BucketConsumer(work.resolve("consumer"), s3, "two-hosts");
                fetchOverlays(events, consumer);
                fetchScenes(events, consumer);
                consumer.assertNoLocalStore();
                System.out.printf("two hosts: passed in %.0f s%n", (System.nanoTime() - started) / 1e9);
            } finally {
                for (AppProcess app : apps) {
                    app.close();
                }
            }
        }
    }

    /**
     * Every round: a claim-checked frame per big camera; every {@link #COUNT_EVERY}th a small counting frame; every
     * {@link #SCENE_EVERY}th, halfway between, a small in-band frame per rig view, all with the round's capture time.
     */
    private static void produce(FrameProducer frames) throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Random random = new Random(7);
        TexturedRig rig = new TexturedRig();
        BufferedImage base = noise(random, 640, 560);
        for (int seq = 0; seq < ROUNDS; seq++) {
            Instant capture = t0.plusMillis(100L * seq);
            for (int c = 0; c < BIG_CAMERAS.size(); c++) {
                // every frame its own bytes: s3rver overwrites an object in place, so a reader could see half of a
                // re-upload of the same content (S3 itself replaces objects atomically)
                base.setRGB(c, 0, seq);
                byte[] bytes = png(base);
                assertTrue(bytes.length > frames.maxInlineBytes(), "a big frame is claim-checked");
                frames.send(new Frame(BIG_CAMERAS.get(c), seq, capture, CaptureTimeSource.HOST, 640, 560,
                        "image/png", bytes)).get();
            }
            if (seq % COUNT_EVERY == 0) {
                frames.send(new Frame(COUNTING_CAMERA, seq / COUNT_EVERY, capture, CaptureTimeSource.HOST, 64, 48,
                        "image/png", png(noise(random, 64, 48)))).get();
            }
            if (seq % SCENE_EVERY == SCENE_EVERY / 2) {
                List<BufferedImage> views = rig.nextRound();
                for (int v = 0; v < views.size(); v++) {
                    frames.send(new Frame(TexturedRig.camera(v), seq / SCENE_EVERY, capture, CaptureTimeSource.HOST,
                            TexturedRig.WIDTH, TexturedRig.HEIGHT, "image/png", png(views.get(v)))).get();
                }
            }
            Thread.sleep(ROUND_INTERVAL_MS);
        }
    }

    private static List<JsonNode> evaluations(EventCollector c) {
        return ExactlyOnceCheck.evaluations(c);
    }

    private static boolean complete(EventCollector c) {
        return evaluations(c).size() >= EVALUATIONS && c.on(Topics.COUNTS).size() >= COUNTING_FRAMES
                && c.on(Topics.SPLATS).size() >= SCENES;
    }

    private static void await(EventCollector events, int count, List<AppProcess> apps) throws Exception {
        if (!events.awaitQuietly(c -> evaluations(c).size() >= count, TIMEOUT)) {
            throw new AssertionError(evaluations(events).size() + " of " + count + " evaluations; logs:\n"
                    + apps.get(0).logTail() + "\n" + apps.get(1).logTail());
        }
    }

    /** Waits until {@code app}'s log says it is running for the {@code times}th time (its start-up probe passed). */
    private static void awaitRunning(AppProcess app, int times) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (app.log().split("running; Ctrl-C to stop", -1).length - 1 < times) {
            if (System.nanoTime() > deadline || !app.isAlive()) {
                throw new AssertionError("start " + times + " of the instance did not say it runs within "
                        + TIMEOUT + ": " + app.diagnosis());
            }
            Thread.sleep(200);
        }
    }

    private static void verifyExactlyOnce(EventCollector events) {
        Map<String, List<Long>> health = bySequence(evaluations(events));
        for (String camera : BIG_CAMERAS) {
            assertEquals(LongStream.range(0, ROUNDS).boxed().toList(), health.get(camera), camera + " health");
        }
        List<Long> counted = LongStream.range(0, COUNTING_FRAMES).boxed().toList();
        assertEquals(counted, health.get(COUNTING_CAMERA), "counting camera health");
        assertEquals(counted, bySequence(events.on(Topics.COUNTS)).get(COUNTING_CAMERA), "counts");
        verifyScenes(events.on(Topics.SPLATS));
        for (JsonNode error : events.on(Topics.ERRORS)) {
            // the only errors allowed are the outage's own: bad claim-checks or lost artifacts are failures
            assertEquals("STAGE_FAILURE", error.get("reason").asText(), error.toString());
            assertTrue(error.get("message").asText().contains("artifact store is unavailable"), error.toString());
        }
        System.out.printf("two hosts: %d evaluations, %d counts, %d scenes, %d outage error events%n",
                evaluations(events).size(), events.on(Topics.COUNTS).size(), events.on(Topics.SPLATS).size(),
                events.on(Topics.ERRORS).size());
    }

    /** One scene per rig round, in order, none twice; each holds every view of its round once, in view order. */
    private static void verifyScenes(List<JsonNode> scenes) {
        List<Long> rounds = new ArrayList<>();
        for (JsonNode scene : scenes) {
            assertEquals(TexturedRig.RIG, scene.get("rigId").asText(), scene.toString());
            long round = scene.at("/source/sequence").asLong();
            rounds.add(round);
            List<String> viewCameras = new ArrayList<>();
            for (JsonNode view : scene.get("views")) {
                viewCameras.add(view.get("cameraId").asText());
                assertEquals(round, view.get("sequence").asLong(), "views of one round only: " + scene);
            }
            assertEquals(TexturedRig.cameras(), viewCameras, "every view of the rig exactly once: " + scene);
            assertEquals(0, scene.path("missingViews").size(), "no view missing: " + scene);
        }
        assertEquals(LongStream.range(0, SCENES).boxed().toList(), rounds, "scenes");
    }

    /** The consumer fetches the first and the last overlay (before the kill and after the outage). */
    private static void fetchOverlays(EventCollector events, BucketConsumer consumer) throws IOException {
        List<JsonNode> counts = events.on(Topics.COUNTS);
        for (JsonNode count : List.of(counts.get(0), counts.get(counts.size() - 1))) {
            Path overlay = consumer.fetch(count.get("densityOverlay"),
                    "overlay-" + count.at("/source/sequence").asLong() + ".png");
            assertPng(overlay);
        }
    }

    /** The consumer fetches every scene's .ply and preview, whichever instance built it. */
    private static void fetchScenes(EventCollector events, BucketConsumer consumer) throws IOException {
        List<JsonNode> scenes = events.on(Topics.SPLATS);
        long bytes = 0;
        for (JsonNode scene : scenes) {
            long round = scene.at("/source/sequence").asLong();
            Path ply = consumer.fetch(scene.get("scene"), "scene-" + round + ".ply");
            assertRealPly(ply, scene.get("gaussians").asLong());
            assertPng(consumer.fetch(scene.get("preview"), "preview-" + round + ".png"));
            bytes += Files.size(ply);
        }
        System.out.printf("two hosts: the consumer fetched %d scenes (%d bytes of .ply) and their previews%n",
                scenes.size(), bytes);
    }

    /** A 3DGS .ply: a header that starts with "ply" and declares the event's Gaussians, then a body that holds them. */
    private static void assertRealPly(Path file, long gaussians) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("ply\n") && head.contains("\nend_header\n"), file + " has a PLY header");
        String header = head.substring(0, head.indexOf("\nend_header\n") + 1);
        assertTrue(gaussians > 0, file + ": the scene holds Gaussians");
        assertTrue(header.contains("\nelement vertex " + gaussians + "\n"), file + " declares " + gaussians
                + " vertices: " + header);
        assertEquals(gaussians, GaussianPlyReader.read(file).count(), file + " holds every declared vertex");
    }

    private static void assertPng(Path file) throws IOException {
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(file), 0, head, 0, 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, file.toString());
    }

    private static Map<String, List<Long>> bySequence(List<JsonNode> events) {
        Map<String, List<Long>> perCamera = new TreeMap<>();
        for (JsonNode e : events) {
            perCamera.computeIfAbsent(e.at("/source/cameraId").asText(), k -> new ArrayList<>())
                    .add(e.at("/source/sequence").asLong());
        }
        return perCamera;
    }

    private static BufferedImage noise(Random random, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
