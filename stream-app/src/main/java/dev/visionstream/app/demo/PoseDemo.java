package dev.visionstream.app.demo;

import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.PoseDataSplits;
import dev.visionstream.models.pose.SkeletonImage;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Keypoints3dMessage;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pose part of the demo: replays the held-out tail of CMU 01_01 (every third frame at 30 fps) as one track
 * onto {@code vision.keypoints3d}, collects the pose events the running stage emits, and writes a picture of the
 * last frame's target and fitted skeletons.
 */
final class PoseDemo {
    static final String BVH = "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh";
    private static final int FRAMES = 40;
    private static final int GAP = 3;

    private PoseDemo() {
    }

    /** Returns the number of pose events received, or -1 when the clip is unavailable. */
    static int run(Map<String, Object> client, Path outputDir, PrintStream out, Duration timeout)
            throws Exception {
        Path file = SampleMedia.assetDir().resolve(BVH);
        if (!Files.isRegularFile(file)) {
            out.println("pose: " + file + " missing, skipping the pose replay");
            return -1;
        }
        List<double[][]> joints = BvhImport.joints(BvhClip.read(file), 30);
        List<double[][]> tail = PoseDataSplits.CMU_TEST.of(joints);
        List<PoseEvent> events = new CopyOnWriteArrayList<>();
        Instant t0 = Instant.now();
        List<double[][]> sent = new ArrayList<>();
        Properties props = new Properties();
        props.putAll(client);
        try (EventTap tap = new EventTap(client, List.of(Topics.POSES), (topic, key, json, at) -> {
            try {
                events.add(Json.MAPPER.readValue(json, PoseEvent.class));
            } catch (Exception e) {
                out.println("[vision.poses] unreadable event: " + e.getMessage());
            }
        }); KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < FRAMES && i * GAP < tail.size(); i++) {
                double[][] frame = tail.get(i * GAP);
                sent.add(frame);
                List<List<Double>> rows = new ArrayList<>();
                for (double[] j : frame) {
                    rows.add(List.of(j[0], j[1], j[2]));
                }
                Instant time = t0.plusMillis(Math.round(i * GAP * 1000 / 30.0));
                // sent at the clip's pace (4 s in all), so that no capture time lies ahead of the clock
                sleepUntil(time);
                String json = Json.MAPPER.writeValueAsString(new Keypoints3dMessage("cmu-01-01", "mocap",
                        Keypoints3dMessage.SMPL24, null, rows, time));
                producer.send(new ProducerRecord<>(Topics.KEYPOINTS_3D, null, time.toEpochMilli(), "cmu-01-01", json));
            }
            producer.flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (events.size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        if (events.isEmpty()) {
            out.println("pose: no pose events arrived");
            return 0;
        }
        PoseEvent last = events.get(events.size() - 1);
        double[][] fitted = new double[24][3];
        for (int k = 0; k < 24; k++) {
            for (int i = 0; i < 3; i++) {
                fitted[k][i] = last.fittedJoints().get(k).get(i);
            }
        }
        double learnedMean = events.stream().filter(e -> "learned".equals(e.method()))
                .mapToDouble(PoseEvent::meanJointErrorMm).average().orElse(Double.NaN);
        String title = String.format(Locale.ROOT, "CMU 01_01 held-out tail, frame %d of %d: %s, mean residual %.1f mm",
                events.size(), sent.size(), last.method(), last.meanJointErrorMm());
        ImageIO.write(SkeletonImage.render(sent.get(events.size() - 1), fitted, title, 900, 520), "png",
                outputDir.resolve("pose-skeleton.png").toFile());
        out.printf(Locale.ROOT, "pose: %d pose events for track cmu-01-01 (first %s, then learned: mean residual %.1f "
                + "mm); "
                + "pose-skeleton.png written%n", events.size(), events.get(0).method(), learnedMean);
        return events.size();
    }

    private static void sleepUntil(Instant time) throws InterruptedException {
        for (long wait = Duration.between(Instant.now(), time).toNanos(); wait > 0;
                wait = Duration.between(Instant.now(), time).toNanos()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
