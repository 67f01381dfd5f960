package dev.visionstream.tests;

import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.app.stages.splatting.SplattingStage;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.pose.MotionClip;
import dev.visionstream.models.pose.SyntheticMotion;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CameraCalibration;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.InpaintSettings;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Keypoints3dMessage;
import dev.visionstream.schemas.RigSettings;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the fault tests send through every landed stage: {@link #CAMERAS} cameras of {@link #FRAMES_PER_CAMERA}
 * small frames each, all running camera health and inpainting (a mask in the artifact store); the last
 * {@link #RIG_VIEWS} cameras also form one splatting rig, their frames of a round sharing a capture time; a counting
 * camera (an exemplar box) sends a frame every {@link #COUNT_EVERY} rounds; and {@link #TRACKS} pose tracks of
 * synthetic motion are interleaved on {@code vision.keypoints3d}. Counting (about a second per frame on a shared
 * 2-core machine, whatever the frame size: its tiling is fixed) and pose (up to 0.6 s per refined step) are the
 * expensive stages, so they see fewer inputs than the cheap ones.
 */
final class FaultWorkload {
    static final int CAMERAS = 8;
    static final int FRAMES_PER_CAMERA = 250;
    static final String COUNTING_CAMERA = "count-cam";
    static final int COUNT_EVERY = 2;
    static final int COUNTING_FRAMES = (FRAMES_PER_CAMERA + COUNT_EVERY - 1) / COUNT_EVERY;
    /** Every frame sent; all go through camera health. */
    static final int TOTAL_FRAMES = CAMERAS * FRAMES_PER_CAMERA + COUNTING_FRAMES;
    static final String RIG = "fault-rig";
    static final int RIG_VIEWS = 3;
    static final int TRACKS = 4;
    /** One keypoint record per track every this many frame rounds. */
    static final int KEYPOINT_EVERY = 8;
    static final int KEYPOINTS_PER_TRACK = (FRAMES_PER_CAMERA + KEYPOINT_EVERY - 1) / KEYPOINT_EVERY;
    static final int WIDTH = 64;
    static final int HEIGHT = 48;
    /** Capture times of consecutive rounds are this far apart, well outside the rig's grouping tolerance. */
    private static final long ROUND_CAPTURE_MS = 100;
    private static final long RIG_TOLERANCE_MS = 10;
    /** No stall alert however long a restart takes. */
    private static final HealthThresholds HEALTH = new HealthThresholds(null, null, null, null, null, null, 600.0);

    /** Capture time of round 0; record timestamps near now, so the broker's retention and time checks pass. */
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final byte[] maskPng = maskPng();
    private final List<MotionClip> tracks = new ArrayList<>();

    FaultWorkload() {
        for (int t = 0; t < TRACKS; t++) {
            tracks.add(SyntheticMotion.generate(new Random(100 + t), KEYPOINTS_PER_TRACK, trackId(t)));
        }
    }

    static String camera(int c) {
        return "cam-" + c;
    }

    static List<String> cameras() {
        return IntStream.range(0, CAMERAS).mapToObj(FaultWorkload::camera).toList();
    }

    /** The rig's cameras, in view order. */
    static List<String> rigCameras() {
        return cameras().subList(CAMERAS - RIG_VIEWS, CAMERAS);
    }

    static String trackId(int t) {
        return "track-" + t;
    }

    static List<String> trackIds() {
        return IntStream.range(0, TRACKS).mapToObj(FaultWorkload::trackId).toList();
    }

    static int expectedKeypoints() {
        return TRACKS * KEYPOINTS_PER_TRACK;
    }

    /**
     * Puts the inpainting mask into an instance's artifact store (each instance reads its own work directory) and
     * returns its content-addressed URI, the same in every store.
     */
    String installMask(Path appWorkDir) {
        return new LocalArtifactStore(appWorkDir.resolve("artifacts")).put(maskPng, "image/png").uri();
    }

    /** Publishes every camera's config; {@code maskUri} from {@link #installMask}. */
    void publishCameras(Map<String, Object> client, String maskUri) throws Exception {
        CameraRegistry.publish(client, new CameraConfig(COUNTING_CAMERA, List.of(CameraHealthStage.NAME,
                CountingStage.NAME), "replay", HEALTH, List.of(new Box(8, 8, 12, 10)), null, null, null));
        for (int c = 0; c < CAMERAS; c++) {
            String camera = camera(c);
            List<String> stages = new ArrayList<>(List.of(CameraHealthStage.NAME, InpaintingStage.NAME));
            int view = rigCameras().indexOf(camera);
            CameraCalibration calibration = null;
            RigSettings rig = null;
            if (view >= 0) {
                stages.add(SplattingStage.NAME);
                List<Double> k = List.of(64.0, 0.0, 31.5, 0.0, 64.0, 23.5, 0.0, 0.0, 1.0);
                calibration = new CameraCalibration(k, List.of(1.0, 0.0, 0.0, 0.1 * view, 0.0, 1.0, 0.0, 0.0, 0.0,
                        0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0), null);
                // the wall-clock timeout is for a camera that stops sending. After a restart one stream thread works
                // off the pose and counting backlog (seconds per record on a busy 2-core CI machine) before it gets
                // to a lagging rig camera, so the views of a round can reach the stage 30 s and more apart
                rig = new RigSettings(RIG_VIEWS, RIG_TOLERANCE_MS, 120_000L, false, List.of());
            }
            CameraRegistry.publish(client, new CameraConfig(camera, stages, "replay", HEALTH, null, maskUri,
                    view >= 0 ? RIG : null, view >= 0 ? view : null, null,
                    calibration, rig, new InpaintSettings("telea", null), null));
        }
    }

    /**
     * Sends every round of frames (one per camera, each different so none looks frozen) paced by
     * {@code intervalMs}, with a keypoint record per track every {@link #KEYPOINT_EVERY} rounds.
     */
    void produce(Map<String, Object> client, long intervalMs) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> frames = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
             KafkaProducer<String, String> keypoints = new KafkaProducer<>(p, new StringSerializer(),
                     new StringSerializer())) {
            Map<String, Random> noise = new HashMap<>();
            for (int seq = 0; seq < FRAMES_PER_CAMERA; seq++) {
                long capture = t0.toEpochMilli() + seq * ROUND_CAPTURE_MS;
                for (String camera : cameras()) {
                    frames.send(frameRecord(camera, seq, capture, noise));
                }
                if (seq % COUNT_EVERY == 0) {
                    frames.send(frameRecord(COUNTING_CAMERA, seq / COUNT_EVERY, capture, noise));
                }
                if (seq % KEYPOINT_EVERY == 0) {
                    int f = seq / KEYPOINT_EVERY;
                    for (int t = 0; t < TRACKS; t++) {
                        keypoints.send(keypointRecord(t, f));
                    }
                }
                Thread.sleep(intervalMs);
            }
        }
    }

    private static ProducerRecord<String, byte[]> frameRecord(String camera, long sequence, long capture,
                                                              Map<String, Random> noise) throws IOException {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, sequence);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, "image/jpeg");
        byte[] frame = frame(noise.computeIfAbsent(camera, c -> new Random(c.hashCode())));
        return new ProducerRecord<>(Topics.FRAMES, null, capture, camera, frame, headers);
    }

    /** Capture time of keypoint frame {@code f} of a track: 30 fps from the start. */
    Instant keypointTime(int f) {
        return t0.plusMillis(Math.round(f * 1000 / SyntheticMotion.FPS));
    }

    private ProducerRecord<String, String> keypointRecord(int track, int f) throws IOException {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] joint : tracks.get(track).joints().get(f)) {
            rows.add(List.of(joint[0], joint[1], joint[2]));
        }
        Instant time = keypointTime(f);
        String json = Json.MAPPER.writeValueAsString(new Keypoints3dMessage(trackId(track), "pose-cam",
                Keypoints3dMessage.SMPL24, null, rows, time));
        return new ProducerRecord<>(Topics.KEYPOINTS_3D, null, time.toEpochMilli(), trackId(track), json);
    }

    /** 8x8 blocks of random grey: changes every frame, never black, blown out or frozen. */
    private static byte[] frame(Random random) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        for (int by = 0; by < HEIGHT; by += 8) {
            for (int bx = 0; bx < WIDTH; bx += 8) {
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

    /** A centred 16x12 hole. */
    private static byte[] maskPng() {
        BufferedImage mask = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = HEIGHT / 2 - 6; y < HEIGHT / 2 + 6; y++) {
            for (int x = WIDTH / 2 - 8; x < WIDTH / 2 + 8; x++) {
                mask.setRGB(x, y, 0xffffffff);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(mask, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
