package dev.visionstream.models.splatting;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Conversions between Java arrays/images and OpenCV matrices (continuous, freshly allocated). */
final class OpenCvMats {
    private OpenCvMats() {
    }

    static Mat doubles(int rows, int cols, double... values) {
        Mat m = new Mat(rows, cols, CV_64F);
        DoubleBuffer b = m.createBuffer();
        b.put(values);
        return m;
    }

    static double[] doubles(Mat m) {
        Mat d = new Mat();
        m.convertTo(d, CV_64F);
        double[] out = new double[(int) d.total() * d.channels()];
        ((DoubleBuffer) d.createBuffer()).get(out);
        return out;
    }

    static Mat bgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] bytes = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                bytes[o] = (byte) row[x];
                bytes[o + 1] = (byte) (row[x] >> 8);
                bytes[o + 2] = (byte) (row[x] >> 16);
            }
        }
        Mat m = new Mat(h, w, CV_8UC3);
        ((ByteBuffer) m.createBuffer()).put(bytes);
        return m;
    }

    static byte[] bytes(Mat m) {
        byte[] out = new byte[(int) m.total() * m.channels()];
        ((ByteBuffer) m.createBuffer()).get(out);
        return out;
    }
}
