package dev.visionstream.app.bench;

import ai.djl.Device;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.stages.counting.CountingStage;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.counting.CountRequest;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.SharedCounters;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.counting.evaluation.CountingManifest;
import dev.visionstream.models.counting.evaluation.ManifestImage;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;

/**
 * {@code vision bench count}: CountingDINO (the built-in backbone unless told otherwise) on 640 x 480 JPEG frames
 * (a generated scene of 40 objects): frames/s in a plain loop at batch 1 and batch 8 (decode, count, serialise
 * the event), frames/s through producer, embedded broker, Kafka Streams (exactly-once) and a read_committed
 * consumer, their ratio, and where the counting time goes; then the real-image set's composites, which are denser.
 */
public final class CountingBenchmark {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final Path COMPOSITES = Path.of("target", "counting-eval", "scenes-eval", "manifest.json");

    private final Path workDir;
    private final PrintStream out;

    public CountingBenchmark(Path workDir, PrintStream out) {
        this.workDir = workDir;
        this.out = out;
    }

    /**
     * @param backbone {@code default} or a backbone file, as {@code vision count --backbone} takes
     * @param detector the folder of the detector whose features the verifier also judges, or null for none
     * @param device   where the loop and the pipeline's stage count
     * @param pipeline whether to measure the Kafka pipeline too, or the plain loop only
     * @param warmup   frames at each batch size before timing
     */
    public void run(int frames, String backbone, Path detector, Device device, boolean pipeline, int warmup)
            throws Exception {
        SyntheticScene scene = SyntheticScene.generate(2026, WIDTH, HEIGHT, 40);
        byte[] jpeg = jpeg(scene.image());
        CountingDino counter = OwnThread.call("bench-count-loop", () -> SharedCounters.get(backbone, device, null,
                detector));
        out.printf("bench count: %dx%d JPEG frames, backbone %s %s%s on %s, %d cores%n", WIDTH, HEIGHT,
                counter.backbone().info().name(), counter.backbone().info().version(),
                detector == null ? "" : " with the detector's features", DeviceSetting.label(device),
                Runtime.getRuntime().availableProcessors());
        double[] loops = OwnThread.call("bench-count-loop", () -> {
            // warm-up at both batch sizes: JIT, the engine's first calls and the native allocator settle only
            // after a hundred or so frames (a shorter warm-up left the first timed loop 15-20 % slower)
            loop(counter, scene, jpeg, 1, warmup, false);
            loop(counter, scene, jpeg, 8, Math.max(8, warmup / 8 * 8), false);
            return new double[] {loop(counter, scene, jpeg, 1, frames, true),
                loop(counter, scene, jpeg, 8, Math.max(8, frames / 8 * 8), true)};
        });
        double batch1 = loops[0];
        double batch8 = loops[1];
        out.printf("batch 8 vs 1: %.2fx per frame (target > 1)%n", batch8 / batch1);
        OwnThread.call("bench-count-loop", () -> {
            compositeScenes(counter);
            return null;
        });
        if (!pipeline) {
            return;
        }

        List<String> stages = List.of(CountingStage.NAME);
        Properties settings = new Properties();
        // the stage shares the loop's counter (same backbone and device); the loop renders no overlay either
        settings.setProperty(StageSettings.Key.COUNTING_BACKBONE.property, backbone);
        if (detector != null) {
            settings.setProperty(StageSettings.Key.COUNTING_DETECTOR.property, detector.toString());
        }
        settings.setProperty(StageSettings.Key.COUNTING_OVERLAYS.property, "false");
        settings.setProperty(StageSettings.Key.DEVICE.property, DeviceSetting.label(device));
        StageSettings stageSettings = StageSettings.from(Map.of(), settings);
        StageThroughput.Result measured = StageThroughput.measure(workDir, "vision-bench-count", Topics.COUNTS,
                (service, camera) -> new CameraConfig(camera, stages, "replay", null, scene.exemplars(), null, null,
                        null), jpeg, "image/jpeg", WIDTH, HEIGHT, 8, frames,
                List.of("backbone", "similarity", "postProcessing"), stageSettings, out);
        out.printf("pipeline    : %d frames, producer -> broker -> streams (EOS) -> consumer: %.2f frames/s; "
                        + "counting itself took %.1f ms per frame in the stage (beside the broker and clients)%n",
                frames, measured.framesPerSecond(), measured.modelMsPerFrame());
        // the machine's load drifts; time the loop again right after the pipeline and compare with both
        double batch1After = OwnThread.call("bench-count-loop", () -> loop(counter, scene, jpeg, 1, frames, true));
        out.printf("ratio       : %.2f against the loop before, %.2f against the loop after "
                + "(pipeline / plain loop at batch 1; target >= 0.8)%n", measured.framesPerSecond() / batch1,
                measured.framesPerSecond() / batch1After);
    }

    /**
     * The 12 held-out-class composites of the real-image set (10 to 300 objects on busy photographs), where the
     * verifier judges hundreds of candidates per frame: frames/s once warm, when the set was fetched and made.
     */
    private void compositeScenes(CountingDino counter) throws Exception {
        Path manifest = SampleMedia.projectRoot().resolve(COMPOSITES);
        if (!Files.isRegularFile(manifest)) {
            out.println("composites  : skipped (no " + COMPOSITES + ": run vision count make-eval-set)");
            return;
        }
        CountingManifest m = CountingManifest.read(manifest);
        List<BufferedImage> images = new ArrayList<>();
        for (ManifestImage image : m.images()) {
            images.add(ImageIO.read(m.imageFile(manifest, image).toFile()));
        }
        for (int i = 0; i < images.size(); i++) {
            counter.count(images.get(i), m.images().get(i).exemplarBoxes());
        }
        double post = 0;
        long start = System.nanoTime();
        for (int i = 0; i < images.size(); i++) {
            post += counter.count(images.get(i), m.images().get(i).exemplarBoxes()).timings().postProcessingMs();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("composites  : %d frames of 10 to 300 objects, batch 1: %.2f frames/s; post-processing %.1f ms "
                + "per frame%n", images.size(), images.size() / seconds, post / images.size());
    }

    /** Decode, count (in batches of {@code batch}) and serialise; returns frames/s and, when asked, prints them. */
    private double loop(CountingDino counter, SyntheticScene scene, byte[] jpeg, int batch, int frames,
                        boolean print) throws Exception {
        BoundedImageDecoder decoder = new BoundedImageDecoder();
        double backbone = 0;
        double similarity = 0;
        double post = 0;
        long start = System.nanoTime();
        for (int done = 0; done < frames; done += batch) {
            List<CountRequest> requests = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                requests.add(new CountRequest(decoder.decode(jpeg), scene.exemplars()));
            }
            for (CountResult r : counter.countBatch(requests)) {
                backbone += r.timings().backboneMs();
                similarity += r.timings().similarityMs();
                post += r.timings().postProcessingMs();
                Json.MAPPER.writeValueAsBytes(new CountEvent("id", 1, CountEvent.STAGE, null, Instant.EPOCH,
                        Instant.now(), r.backbone(), r.count(), r.exemplars(), r.peaks(), Map.of(), null, null,
                        r.estimator().label(), r.densityCount(), r.instanceCount(), r.instances(), r.verifiedCount(),
                        r.verified()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double fps = frames / seconds;
        if (!print) {
            return fps;
        }
        out.printf("plain loop  : batch %d, %d frames in %.2f s = %.2f frames/s; per frame: backbone %.1f ms, "
                        + "similarity+normalisation %.1f ms (%.0f%% of backbone; target <= 20%%), "
                        + "post-processing %.1f ms%n",
                batch, frames, seconds, fps, backbone / frames, similarity / frames, 100 * similarity / backbone,
                post / frames);
        return fps;
    }

    private static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", bytes);
        return bytes.toByteArray();
    }
}
