package dev.visionstream.models.inpainting;

import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Euclidean distance of every hole pixel to the nearest valid pixel (0 on valid pixels), by OpenCV. */
public final class BorderDistance {
    private BorderDistance() {
    }

    public static float[] of(InpaintMask mask) {
        int w = mask.width();
        int h = mask.height();
        byte[] holes = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                holes[y * w + x] = mask.isHole(x, y) ? (byte) 255 : 0;
            }
        }
        float[] out = new float[w * h];
        try (Mat src = new Mat(h, w, opencv_core.CV_8UC1); Mat dst = new Mat()) {
            src.data().put(holes);
            opencv_imgproc.distanceTransform(src, dst, opencv_imgproc.DIST_L2, opencv_imgproc.DIST_MASK_5);
            try (FloatIndexer indexer = dst.createIndexer()) {
                indexer.get(0L, out);
            }
        }
        return out;
    }
}
