package dev.visionstream.app.bench;

import ai.djl.Device;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.app.stages.inpainting.InpaintingStage;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.inpainting.BlendInpainter;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.InpaintOutcome;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.inpainting.OpenCvInpainter;
import dev.visionstream.models.inpainting.RnGenerator;
import dev.visionstream.models.inpainting.RnInpainter;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Milliseconds per frame of each inpainting method at a fixed size: the built-in RN default at batch 1 and batch
 * N, the previous default's network, the published-width generator with random weights (speed only), OpenCV Telea
 * and Navier-Stokes, and their blend. One warm-up
 * pass, then the median of the timed passes. Then the RN default through the Kafka pipeline against the same work
 * in a plain loop (decode, inpaint, encode the PNG).
 */
public final class InpaintBenchmark {
    /**
     * The default before the residual redesign: a width-8 generator with the published head. Random weights cost the
     * same time as trained ones, so it is timed beside today's default on the same machine and frame.
     */
    private static final int PREVIOUS_DEFAULT_WIDTH = 8;
    private final BufferedImage frame;
    private final InpaintMask mask;
    private final PrintStream out;
    private final Device device;

    /** @param device where the RN generators run (OpenCV and the blend are CPU code) */
    public InpaintBenchmark(BufferedImage frame, long seed, Device device, PrintStream out) {
        this.device = device;
        this.frame = frame;
        this.mask = IrregularMasks.generate(frame.getWidth(), frame.getHeight(), 0.2, 0.3, new Random(seed));
        this.out = out;
    }

    public void run(int repeats, int batch, boolean publishedWidth) throws Exception {
        OwnThread.call("bench-inpaint", () -> {
            timings(repeats, batch, publishedWidth);
            return null;
        });
    }

    private void timings(int repeats, int batch, boolean publishedWidth) {
        out.printf("inpaint bench: %dx%d frame, %.1f%% holes, median of %d runs after a warm-up (RN on %s, %d CPU "
                + "cores)%n", frame.getWidth(), frame.getHeight(), 100 * mask.holeFraction(), repeats,
                DeviceSetting.label(device), Runtime.getRuntime().availableProcessors());
        double defaultMs;
        try (RnInpainter rn = RnInpainter.builtIn(device)) {
            defaultMs = time(rn, 1, repeats);
            report("rn " + rn.model().name() + " batch 1 (the default)", defaultMs, 1);
            report("rn " + rn.model().name() + " batch " + batch, time(rn, batch, repeats), batch);
        }
        try (RnInpainter previous = RnInpainter.randomWeights(PREVIOUS_DEFAULT_WIDTH, 1, device)) {
            double previousMs = time(previous, 1, repeats);
            report("rn width 8, published head (the previous default)", previousMs, 1);
            out.printf("  default / previous default per frame: %.2f (target <= 1)%n", defaultMs / previousMs);
        }
        if (publishedWidth) {
            try (RnInpainter wide = RnInpainter.randomWeights(RnGenerator.PUBLISHED_WIDTH, 1, device)) {
                report("rn published width 64 (random weights) batch 1", time(wide, 1, repeats), 1);
            }
        }
        for (InpaintMethod method : List.of(InpaintMethod.TELEA, InpaintMethod.NS)) {
            try (Inpainter cv = new OpenCvInpainter(method)) {
                report("opencv " + method.id(), time(cv, 1, repeats), 1);
            }
        }
        try (Inpainter blend = BlendInpainter.builtIn()) {
            report("blend (telea, ns, diffusion: the default's pre-fill)", time(blend, 1, repeats), 1);
        }
    }

    /**
     * Frames/s of the RN default through an embedded broker and the service, and its ratio to a plain loop; with
     * {@code batchSize} above 1 the pipeline runs a second time with the stage's micro-batching at that size.
     */
    public void pipeline(Path workDir, int frames, int batchSize) throws Exception {
        byte[] png = PngBytes.of(frame);
        double before = OwnThread.call("bench-inpaint-loop", () -> plainLoop(png, frames));
        StageThroughput.Result pipeline = pipelineRun(workDir.resolve("batch-1"), png, frames, 1);
        if (batchSize > 1) {
            StageThroughput.Result batched = pipelineRun(workDir.resolve("batch-" + batchSize), png, frames,
                    batchSize);
            out.printf("  pipeline with batches of %d / batch 1: %.2f frames/s against %.2f (%.2f)%n", batchSize,
                    batched.framesPerSecond(), pipeline.framesPerSecond(),
                    batched.framesPerSecond() / pipeline.framesPerSecond());
        }
        double after = OwnThread.call("bench-inpaint-loop", () -> plainLoop(png, frames));
        out.printf("  ratio: %.2f against the loop before, %.2f against the loop after "
                + "(pipeline / plain loop; target >= 0.8)%n", pipeline.framesPerSecond() / before,
                pipeline.framesPerSecond() / after);
    }

    private StageThroughput.Result pipelineRun(Path workDir, byte[] png, int frames, int batchSize)
            throws Exception {
        byte[] maskPng = PngBytes.of(mask.toImage());
        List<String> stages = List.of(InpaintingStage.NAME);
        Properties properties = new Properties();
        properties.setProperty(StageSettings.Key.INPAINT_BATCH_SIZE.property, Integer.toString(batchSize));
        properties.setProperty(StageSettings.Key.DEVICE.property, DeviceSetting.label(device));
        StageSettings settings = StageSettings.from(Map.of(), properties);
        StageThroughput.Result pipeline = StageThroughput.measure(workDir, "vision-bench-inpaint", Topics.INPAINTED,
                (service, camera) -> new CameraConfig(camera, stages, "replay", null, null,
                        service.artifacts().put(maskPng, "image/png").uri(), null, null),
                png, "image/png", frame.getWidth(), frame.getHeight(), 2, frames, List.of("model"), settings, out);
        out.printf("  pipeline, batch size %d: %d frames, producer -> broker -> streams (EOS) -> consumer: %.2f "
                + "frames/s; the model took %.1f ms per frame in the stage (beside the broker and clients)%n",
                batchSize, frames, pipeline.framesPerSecond(), pipeline.modelMsPerFrame());
        return pipeline;
    }

    /** Decode, inpaint with the RN default and encode the PNG, as the stage does; prints and returns frames/s. */
    private double plainLoop(byte[] png, int frames) throws Exception {
        BoundedImageDecoder decoder = new BoundedImageDecoder();
        try (RnInpainter rn = RnInpainter.builtIn(device)) {
            Inpainting.run(rn, decoder.decode(png), mask);
            long start = System.nanoTime();
            double modelMs = 0;
            for (int i = 0; i < frames; i++) {
                InpaintOutcome outcome = Inpainting.run(rn, decoder.decode(png), mask);
                modelMs += outcome.modelMillis();
                PngBytes.of(outcome.image());
            }
            double fps = frames / ((System.nanoTime() - start) / 1e9);
            out.printf("  plain loop (decode, rn, encode PNG): %d frames, %.2f frames/s; the model took %.1f ms per "
                    + "frame%n", frames, fps, modelMs / frames);
            return fps;
        }
    }


    /** Median milliseconds of one call on {@code batch} frames. */
    private double time(Inpainter inpainter, int batch, int repeats) {
        List<BufferedImage> images = Collections.nCopies(batch, frame);
        List<InpaintMask> masks = Collections.nCopies(batch, mask);
        if (batch == 1) {
            Inpainting.run(inpainter, frame, mask);
        } else {
            inpainter.inpaintAll(images, masks);
        }
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            if (batch == 1) {
                Inpainting.run(inpainter, frame, mask);
            } else {
                inpainter.inpaintAll(images, masks);
            }
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    private void report(String label, double callMs, int batch) {
        double perFrame = callMs / batch;
        out.printf("  %-52s %9.1f ms/frame  %6.2f frames/s%n", label, perFrame, 1000 / perFrame);
    }
}
