package dev.visionstream.models.inpainting;

import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;

/** OpenCV's classical inpainting (Telea or Navier-Stokes) through JavaCV: the baseline the RN generator must beat. */
public final class OpenCvInpainter implements Inpainter {
    /** Neighbourhood radius in pixels; OpenCV's sample uses 3. */
    public static final double DEFAULT_RADIUS = 3.0;

    private final InpaintMethod method;
    private final double radius;

    public OpenCvInpainter(InpaintMethod method, double radius) {
        if (method != InpaintMethod.TELEA && method != InpaintMethod.NS) {
            throw new IllegalArgumentException("OpenCV implements telea and ns, not " + method.id());
        }
        this.method = method;
        this.radius = radius;
    }

    public OpenCvInpainter(InpaintMethod method) {
        this(method, DEFAULT_RADIUS);
    }

    @Override
    public InpaintMethod method() {
        return method;
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("opencv-" + method.id(), opencv_core.CV_VERSION(),
                "OpenCV photo.inpaint, radius " + radius, "cpu");
    }

    @Override
    public BufferedImage inpaint(BufferedImage image, InpaintMask mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] bgr = new byte[w * h * 3];
        byte[] holes = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                // hidden pixels go in black: what lies under a hole must not reach the output
                int rgb = mask.isHole(x, y) ? 0 : image.getRGB(x, y);
                bgr[3 * i] = (byte) rgb;
                bgr[3 * i + 1] = (byte) (rgb >> 8);
                bgr[3 * i + 2] = (byte) (rgb >> 16);
                holes[i] = mask.isHole(x, y) ? (byte) 255 : 0;
            }
        }
        try (Mat src = new Mat(h, w, opencv_core.CV_8UC3); Mat m = new Mat(h, w, opencv_core.CV_8UC1);
             Mat dst = new Mat()) {
            src.data().put(bgr);
            m.data().put(holes);
            opencv_photo.inpaint(src, m, dst, radius,
                    method == InpaintMethod.TELEA ? opencv_photo.INPAINT_TELEA : opencv_photo.INPAINT_NS);
            byte[] out = new byte[w * h * 3];
            dst.data().get(out);
            BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < w * h; i++) {
                int rgb = ((out[3 * i + 2] & 0xff) << 16) | ((out[3 * i + 1] & 0xff) << 8) | (out[3 * i] & 0xff);
                result.setRGB(i % w, i / w, rgb);
            }
            return result;
        }
    }
}
