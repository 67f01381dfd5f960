package dev.visionstream.tests;

import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.app.stages.splatting.SplattingStage;
import dev.visionstream.schemas.CameraCalibration;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.RigSettings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A small calibrated splatting rig: {@link #VIEWS} cameras of {@link #WIDTH}x{@link #HEIGHT} side by side, 0.1
 * apart, looking at one textured plane, so that the built-in stereo predictor finds real disparities and a scene
 * holds Gaussians. Each round shows a new texture: identical scenes would be one object in the bucket, rewritten in
 * place by s3rver while another reader may be fetching it.
 */
final class TexturedRig {
    static final String RIG = "two-hosts-rig";
    static final int VIEWS = 3;
    static final int WIDTH = 96;
    static final int HEIGHT = 64;
    /** Pixels the texture moves between neighbouring views. */
    private static final int DISPARITY = 3;
    private static final int MARGIN = 8;
    private static final long TOLERANCE_MS = 10;
    /**
     * The wall-clock wait for a missing view. The views of a round land on different partitions, so a kill -9 or a
     * store outage can hold one of them back for tens of seconds; a scene closed early would miss it.
     */
    private static final long TIMEOUT_MS = 120_000;

    private final Random random = new Random(11);

    static String camera(int view) {
        return "rig-" + view;
    }

    static List<String> cameras() {
        return IntStream.range(0, VIEWS).mapToObj(TexturedRig::camera).toList();
    }

    /** Registers the rig's cameras: splatting only, so the scenes add little load to the two instances. */
    static void publish(Map<String, Object> client) throws Exception {
        List<Double> k = List.of(100.0, 0.0, (WIDTH - 1) / 2.0, 0.0, 100.0, (HEIGHT - 1) / 2.0, 0.0, 0.0, 1.0);
        for (int v = 0; v < VIEWS; v++) {
            CameraCalibration calibration = new CameraCalibration(k, List.of(1.0, 0.0, 0.0, 0.1 * v, 0.0, 1.0, 0.0,
                    0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0), null);
            CameraRegistry.publish(client, new CameraConfig(camera(v), List.of(SplattingStage.NAME), "replay", null,
                    null, null, RIG, v, calibration, new RigSettings(VIEWS, TOLERANCE_MS, TIMEOUT_MS, false,
                            List.of())));
        }
    }

    /** The next round's views, in view order: one new texture, shifted by {@link #DISPARITY} per view. */
    List<BufferedImage> nextRound() {
        int textureWidth = WIDTH + 2 * MARGIN;
        int[] texture = new int[textureWidth * HEIGHT];
        for (int i = 0; i < texture.length; i++) {
            texture[i] = random.nextInt(0x1000000);
        }
        List<BufferedImage> views = new ArrayList<>();
        for (int v = 0; v < VIEWS; v++) {
            BufferedImage view = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    view.setRGB(x, y, texture[y * textureWidth + x + MARGIN + v * DISPARITY]);
                }
            }
            views.add(view);
        }
        return views;
    }
}
