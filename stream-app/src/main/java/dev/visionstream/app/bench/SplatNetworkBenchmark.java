package dev.visionstream.app.bench;

import ai.djl.Device;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.splatting.SplatView;
import dev.visionstream.models.splatting.YonoSplatNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenes per second of a user-supplied YoNoSplat export on a device: two random views per scene, the network's
 * pass and the decoding of its outputs, one warm-up scene, then the median of the timed ones. The built-in stereo
 * predictor is OpenCV code and has no device to choose.
 */
public final class SplatNetworkBenchmark {
    private final PrintStream out;

    public SplatNetworkBenchmark(PrintStream out) {
        this.out = out;
    }

    public void run(Path model, int height, int width, boolean intrinsics, Device device, int scenes)
            throws IOException {
        try (YonoSplatNetwork network = YonoSplatNetwork.load(model, height, width, intrinsics, device)) {
            List<SplatView> views = List.of(randomView(width, height, 1), randomView(width, height, 2));
            network.predict(views);
            double[] ms = new double[scenes];
            for (int i = 0; i < scenes; i++) {
                long start = System.nanoTime();
                network.predict(views);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms[scenes / 2];
            out.printf("splat network %s on %s, 2 views at %dx%d: median %.1f ms/scene, %.2f scenes/s "
                            + "(%.2f frames/s) over %d scenes%n", network.info().version(), DeviceSetting.label(device),
                    width, height, median, 1000 / median, 2000 / median, scenes);
        }
    }

    private static SplatView randomView(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return new SplatView(image, null);
    }
}
