package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/** The calibrated stereo assets of test-assets.md §4, fetched by scripts/fetch-test-assets.sh. */
final class StereoAssets {
    private StereoAssets() {
    }

    static Path dataDir() {
        String assets = System.getProperty("vision.assets", "target/assets");
        Path dir = Path.of(assets, "x/opencv-doc/usr/share/doc/opencv-doc/examples/data");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("aloeGT.png")),
                "stereo assets missing: run scripts/fetch-test-assets.sh");
        return dir;
    }

    static BufferedImage read(String name) throws IOException {
        return ImageIO.read(dataDir().resolve(name).toFile());
    }

    /** 2×2 box average, each channel. */
    static BufferedImage half(BufferedImage in) {
        int w = in.getWidth() / 2;
        int h = in.getHeight() / 2;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = in.getRGB(2 * x + dx, 2 * y + dy);
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                    }
                }
                out.setRGB(x, y, ((r + 2) / 4 << 16) | ((g + 2) / 4 << 8) | (b + 2) / 4);
            }
        }
        return out;
    }

    /** Ground-truth disparity at half size (GT value = full-size disparity in pixels, 0 = unknown → NaN). */
    static DisparityMap halfGroundTruth(BufferedImage gt) {
        int w = gt.getWidth() / 2;
        int h = gt.getHeight() / 2;
        float[] d = new float[w * h];
        float[] c = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                int known = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int v = gt.getRaster().getSample(2 * x + dx, 2 * y + dy, 0);
                        if (v > 0) {
                            sum += v;
                            known++;
                        }
                    }
                }
                d[y * w + x] = known == 4 ? sum / 8f : Float.NaN;
                c[y * w + x] = known == 4 ? 1 : 0;
            }
        }
        return new DisparityMap(w, h, d, c);
    }
}
