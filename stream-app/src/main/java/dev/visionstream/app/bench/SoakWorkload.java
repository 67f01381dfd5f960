package dev.visionstream.app.bench;

import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.stages.camerahealth.CameraHealthStage;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.app.stages.splatting.SplattingStage;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.pose.BvhClip;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CameraCalibration;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import dev.visionstream.schemas.HealthThresholds;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Keypoints3dMessage;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.RigSettings;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the soak feeds, per enabled stage: the video camera runs the frame stages (with exemplar boxes for
 * counting and a stored irregular mask for inpainting); splatting gets a two-camera rig fed one capture per rig
 * period; pose gets one track of the CMU clip's joints, looped, one frame per pose period.
 */
final class SoakWorkload {
    static final String CAMERA = "soak";
    static final String RIG = "soak-rig";
    static final String TRACK = "soak-track";
    private static final String BVH = "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh";
    private static final List<String> FRAME_STAGES = List.of(CameraHealthStage.NAME, CountingStage.NAME,
            InpaintingStage.NAME);

    private final List<CameraConfig> cameras = new ArrayList<>();
    private final List<double[][]> joints;
    private final boolean rig;
    private final long rigPeriodMs;
    private final long posePeriodMs;
    private long rigCaptures;
    private long poseFrames;

    private SoakWorkload(List<CameraConfig> cameras, boolean rig, long rigPeriodMs, List<double[][]> joints,
                         long posePeriodMs) {
        this.cameras.addAll(cameras);
        this.rig = rig;
        this.rigPeriodMs = rigPeriodMs;
        this.joints = joints;
        this.posePeriodMs = posePeriodMs;
    }

    static SoakWorkload prepare(List<String> stages, Frame sample, ArtifactStore artifacts, long rigPeriodMs,
                                long posePeriodMs) throws IOException {
        List<String> unknown = stages.stream().filter(s -> !FRAME_STAGES.contains(s) && !s.equals(SplattingStage.NAME)
                && !s.equals(PoseEvent.STAGE)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown soak stages " + unknown + "; known: " + FRAME_STAGES
                    + ", " + SplattingStage.NAME + ", " + PoseEvent.STAGE);
        }
        List<CameraConfig> cameras = new ArrayList<>();
        List<String> frameStages = stages.stream().filter(FRAME_STAGES::contains).toList();
        if (!frameStages.isEmpty()) {
            int w = sample.width();
            int h = sample.height();
            List<Box> exemplars = frameStages.contains(CountingStage.NAME)
                    ? List.of(new Box(w * 0.40, h * 0.30, w * 0.06, h * 0.16), new Box(w * 0.55, h * 0.45,
                    w * 0.06, h * 0.16), new Box(w * 0.25, h * 0.55, w * 0.06, h * 0.16)) : null;
            String mask = null;
            if (frameStages.contains(InpaintingStage.NAME)) {
                BufferedImage maskImage = IrregularMasks.generate(w, h, 0.10, 0.20, new Random(7)).toImage();
                mask = artifacts.put(PngBytes.of(maskImage), "image/png").uri();
            }
            cameras.add(new CameraConfig(CAMERA, frameStages, "live",
                    new HealthThresholds(null, null, null, null, null, null, 600.0), exemplars, mask, null, null));
        }
        boolean rig = stages.contains(SplattingStage.NAME);
        if (rig) {
            cameras.addAll(rigCameras(sample.width() / 4, sample.height() / 4));
        }
        List<double[][]> joints = List.of();
        if (stages.contains(PoseEvent.STAGE)) {
            Path bvh = SampleMedia.assetDir().resolve(BVH);
            if (!Files.isRegularFile(bvh)) {
                throw new IllegalArgumentException(bvh + " missing: run scripts/fetch-test-assets.sh");
            }
            joints = BvhImport.joints(BvhClip.read(bvh), 10);
        }
        return new SoakWorkload(cameras, rig, rigPeriodMs, joints, posePeriodMs);
    }

    private static List<CameraConfig> rigCameras(int w, int h) {
        List<Double> k = List.of((double) w, 0.0, (w - 1) / 2.0, 0.0, (double) w, (h - 1) / 2.0, 0.0, 0.0, 1.0);
        RigSettings settings = new RigSettings(2, 40L, 10_000L, false, List.of(0));
        List<CameraConfig> rig = new ArrayList<>();
        for (int view = 0; view < 2; view++) {
            List<Double> pose = List.of(1.0, 0.0, 0.0, 0.1 * view, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0,
                    0.0, 1.0);
            rig.add(new CameraConfig(RIG + "-" + view, List.of(SplattingStage.NAME), "replay", null, null, null,
                    RIG, view,
                    new CameraCalibration(k, pose, null), settings));
        }
        return rig;
    }

    List<CameraConfig> cameras() {
        return cameras;
    }

    boolean feedsVideoCamera() {
        return cameras.stream().anyMatch(c -> c.cameraId().equals(CAMERA));
    }

    /** Sends the rig's next capture (two consecutive video frames at quarter size) when it is due. */
    void maybeSendRig(FrameProducer producer, List<Frame> video, long elapsedMs) throws IOException {
        if (!rig || elapsedMs < rigCaptures * rigPeriodMs) {
            return;
        }
        Instant capture = Instant.now();
        for (int view = 0; view < 2; view++) {
            Frame f = video.get((int) ((2 * rigCaptures + view) % video.size()));
            BufferedImage image = quarter(ImageIO.read(new ByteArrayInputStream(f.bytes())));
            producer.send(new Frame(RIG + "-" + view, rigCaptures, capture, CaptureTimeSource.HOST, image.getWidth(),
                    image.getHeight(), "image/png", PngBytes.of(image)));
        }
        rigCaptures++;
    }

    /** Sends the track's next joints when due; the clip loops, and time only moves forward. */
    void maybeSendPose(KafkaProducer<String, String> producer, long elapsedMs) throws IOException {
        if (joints.isEmpty() || elapsedMs < poseFrames * posePeriodMs) {
            return;
        }
        double[][] frame = joints.get((int) (poseFrames % joints.size()));
        List<List<Double>> rows = new ArrayList<>();
        for (double[] j : frame) {
            rows.add(List.of(j[0], j[1], j[2]));
        }
        Instant time = Instant.now();
        producer.send(new ProducerRecord<>(Topics.KEYPOINTS_3D, null, time.toEpochMilli(), TRACK,
                Json.MAPPER.writeValueAsString(new Keypoints3dMessage(TRACK, "mocap", Keypoints3dMessage.SMPL24, null,
                        rows, time))));
        poseFrames++;
    }

    String summary() {
        return String.format("rig captures %d, pose frames %d", rigCaptures, poseFrames);
    }

    private static BufferedImage quarter(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth() / 4, in.getHeight() / 4, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

}
