package dev.visionstream.app.cli.bench;

import dev.visionstream.app.bench.InpaintBenchmark;
import dev.visionstream.app.bench.ScratchDir;
import dev.visionstream.app.cli.BadInputException;
import dev.visionstream.app.cli.DeviceOption;
import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.app.topology.Batching;
import dev.visionstream.models.inpainting.training.InpaintingAssets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench inpaint}: ms per frame of each inpainting method. */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = {"Milliseconds per 512x512 frame (astronaut.png, 20-30%% irregular holes) for the built-in RN "
                + "default at batch 1 and --batch, the published-width generator (random weights, speed only) and "
                + "OpenCV Telea / Navier-Stokes; then the RN default through the embedded Kafka pipeline against a "
                + "plain loop (the overhead ratio), and with --batch-size also with the stage's micro-batching."})
final class BenchInpaintCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "Frame to use (default: astronaut.png, 512x512).")
    Path image;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per method (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--batch", defaultValue = "4", description = "Batch size of the batched RN run (default: "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batch-size", defaultValue = "1", description = "Micro-batch size of the inpainting stage for "
            + "a second pipeline run beside batch 1; 1 runs the pipeline once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--skip-published", description = "Skip the slow published-width (64) generator.")
    boolean skipPublished;

    @Option(names = "--pipeline-frames", defaultValue = "16",
            description = "Frames through the Kafka pipeline; 0 skips it (default: ${DEFAULT-VALUE}).")
    int pipelineFrames;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Path file = image;
        if (file == null) {
            SampleMedia.vtest(true);
            file = SampleMedia.assetDir().resolve(InpaintingAssets.IMAGES.get(0));
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(image != null ? "--image " + image : "--image",
                    image != null ? "no such file" : "not given and " + file + " is not fetched (run "
                            + "scripts/fetch-test-assets.sh)");
        }
        BufferedImage frame = ImageIO.read(file.toFile());
        if (frame == null) {
            throw new BadInputException("--image " + file, "not a picture this program can read");
        }
        if (batchSize < 1 || batchSize > Batching.MAX_SIZE) {
            throw new BadInputException("--batch-size " + batchSize, "must be 1 to " + Batching.MAX_SIZE);
        }
        InpaintBenchmark bench = new InpaintBenchmark(frame, 5, device.resolve(ModelStage.INPAINTING), System.out);
        bench.run(Math.max(1, repeats), Math.max(1, batch), !skipPublished);
        if (pipelineFrames > 0) {
            try (ScratchDir work = new ScratchDir("vision-bench-inpaint")) {
                bench.pipeline(work.path(), pipelineFrames, batchSize);
            }
        }
        return 0;
    }
}
