package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The two real counting images of the test assets, with hand-drawn exemplar boxes and their true counts. */
final class CountingSamples {
    static final String COINS = "x/python3-skimage/usr/lib/python3/dist-packages/skimage/data/coins.png";
    static final String SMARTIES = "x/opencv-doc/usr/share/doc/opencv-doc/examples/data/smarties.png";
    static final int COINS_COUNT = 24;
    static final int SMARTIES_COUNT = 14;
    /** Three coins of different sizes and designs. */
    static final List<Box> COIN_EXEMPLARS = List.of(new Box(80, 175, 44, 42), new Box(185, 105, 42, 40),
            new Box(251, 172, 46, 45));
    /**
     * The three candies nearest the image centre, an orange, a green and a red one (as for the synthetic scenes:
     * CountingDINO's box scaling is exact near the centre and drifts by up to a kernel width toward
     * the borders, which changes z and so the count).
     */
    static final List<Box> SMARTIES_EXEMPLARS = List.of(new Box(179, 184, 53, 55), new Box(242, 91, 54, 54),
            new Box(264, 188, 54, 52));

    private CountingSamples() {
    }

    static Path assets() {
        return Path.of(System.getProperty("vision.assets", "target/assets"));
    }

    static BufferedImage read(String relative) {
        Path p = assets().resolve(relative);
        try {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " is missing: run scripts/fetch-test-assets.sh");
            }
            return ImageIO.read(p.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
