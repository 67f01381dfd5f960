package dev.visionstream.models.inpainting.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Training pictures held in memory as packed RGB, each at a few scales so that random patches see both fine texture
 * and larger structures. Decoded with OpenCV (JPEG, PNG and the WebP of gnome-backgrounds).
 */
public final class PhotoPool {
    /** One picture at one scale, packed 0xRRGGBB. */
    record Picture(String name, int width, int height, int[] rgb) {
    }

    private final List<Picture> pictures = new ArrayList<>();

    public int size() {
        return pictures.size();
    }

    /** Every JPEG, PNG or WebP in the folder, with its short side scaled to each of {@code shortSides}. */
    public void addFolder(Path folder, int... shortSides) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".webp")) {
                    addFile(f, false, shortSides);
                }
            }
        }
    }

    /** A file; with {@code leftHalfOnly} only columns x < width / 2 are kept (the held-out split). */
    public void addFile(Path file, boolean leftHalfOnly, int... shortSides) {
        try (Mat decoded = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR)) {
            if (decoded.empty()) {
                throw new IllegalArgumentException("cannot decode training picture " + file);
            }
            Mat source = leftHalfOnly ? new Mat(decoded, new Rect(0, 0, decoded.cols() / 2, decoded.rows()))
                    : decoded;
            for (int side : shortSides) {
                double scale = Math.min(1.0, (double) side / Math.min(source.cols(), source.rows()));
                int w = (int) Math.round(source.cols() * scale);
                int h = (int) Math.round(source.rows() * scale);
                try (Mat resized = new Mat()) {
                    opencv_imgproc.resize(source, resized, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
                    pictures.add(new Picture(file.getFileName() + "@" + side, w, h, packed(resized)));
                }
            }
        }
    }

    private static int[] packed(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        byte[] bytes = new byte[w * h * 3];
        try (Mat continuous = bgr.isContinuous() ? bgr.clone() : bgr.clone()) {
            continuous.data().get(bytes);
        }
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = ((bytes[3 * i + 2] & 0xff) << 16) | ((bytes[3 * i + 1] & 0xff) << 8) | (bytes[3 * i] & 0xff);
        }
        return rgb;
    }

    /** A photo read with OpenCV, its short side scaled down to {@code shortSide} (never up), as 8-bit RGB. */
    public static BufferedImage read(Path file, int shortSide) {
        PhotoPool one = new PhotoPool();
        one.addFile(file, false, shortSide);
        Picture p = one.pictures.get(0);
        BufferedImage image = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, p.width(), p.height(), p.rgb(), 0, p.width());
        return image;
    }

    /**
     * A random square patch of {@code size} pixels, randomly mirrored and turned by a multiple of 90°, written as
     * planar RGB in [0, 1] into {@code out} at {@code offset}.
     */
    void samplePatch(int size, Random random, float[] out, int offset) {
        Picture p = pictures.get(random.nextInt(pictures.size()));
        while (p.width() < size || p.height() < size) {
            p = pictures.get(random.nextInt(pictures.size()));
        }
        int x0 = random.nextInt(p.width() - size + 1);
        int y0 = random.nextInt(p.height() - size + 1);
        boolean flip = random.nextBoolean();
        int turns = random.nextInt(4);
        int plane = size * size;
        int last = size - 1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int fx = flip ? last - x : x;
                int sx = switch (turns) {
                    case 0 -> fx;
                    case 1 -> y;
                    case 2 -> last - fx;
                    default -> last - y;
                };
                int sy = switch (turns) {
                    case 0 -> y;
                    case 1 -> last - fx;
                    case 2 -> last - y;
                    default -> fx;
                };
                int v = p.rgb()[(y0 + sy) * p.width() + x0 + sx];
                int i = y * size + x;
                out[offset + i] = ((v >> 16) & 0xff) / 255f;
                out[offset + plane + i] = ((v >> 8) & 0xff) / 255f;
                out[offset + 2 * plane + i] = (v & 0xff) / 255f;
            }
        }
    }
}
