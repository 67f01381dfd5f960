package dev.visionstream.models.counting.evaluation;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A cut-out as it is pasted: scaled, rotated and colour-shifted, as premultiplied ARGB, with the mask of its opaque
 * pixels (alpha at least one half), which is what is counted as the object and what occludes.
 */
final class Sprite {
    private static final int OPAQUE = 128;

    final int width;
    final int height;
    /** Premultiplied ARGB, row-major. */
    final int[] argb;
    final boolean[] opaque;
    final int area;
    /** The opaque pixels' bounding box in sprite pixels, inclusive. */
    final int x0;
    final int y0;
    final int x1;
    final int y1;

    private Sprite(int width, int height, int[] argb) {
        this.width = width;
        this.height = height;
        this.argb = argb;
        this.opaque = new boolean[argb.length];
        int n = 0;
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int i = 0; i < argb.length; i++) {
            if ((argb[i] >>> 24) >= OPAQUE) {
                opaque[i] = true;
                n++;
                minX = Math.min(minX, i % width);
                maxX = Math.max(maxX, i % width);
                minY = Math.min(minY, i / width);
                maxY = Math.max(maxY, i / width);
            }
        }
        this.area = n;
        this.x0 = minX;
        this.y0 = minY;
        this.x1 = maxX;
        this.y1 = maxY;
    }

    /**
     * @param cutout     premultiplied ARGB
     * @param longSide   the cut-out's longer side after scaling, pixels
     * @param angle      rotation, radians
     * @param hueShift   added to the HSB hue (1 = a full turn)
     * @param brightness multiplies the HSB brightness
     */
    static Sprite of(BufferedImage cutout, double longSide, double angle, float hueShift, float brightness) {
        double f = longSide / Math.max(cutout.getWidth(), cutout.getHeight());
        int sw = Math.max(1, (int) Math.round(cutout.getWidth() * f));
        int sh = Math.max(1, (int) Math.round(cutout.getHeight() * f));
        BufferedImage scaled = Resampling.resize(cutout, sw, sh);
        double cos = Math.abs(Math.cos(angle));
        double sin = Math.abs(Math.sin(angle));
        int w = (int) Math.ceil(sw * cos + sh * sin) + 2;
        int h = (int) Math.ceil(sw * sin + sh * cos) + 2;
        BufferedImage rotated = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = rotated.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.translate(w / 2.0, h / 2.0);
        g.rotate(angle);
        g.drawImage(scaled, AffineTransform.getTranslateInstance(-sw / 2.0, -sh / 2.0), null);
        g.dispose();
        int[] pixels = ((DataBufferInt) rotated.getRaster().getDataBuffer()).getData();
        shiftColours(pixels, hueShift, brightness);
        return new Sprite(w, h, pixels);
    }

    private static void shiftColours(int[] pixels, float hueShift, float brightness) {
        float[] hsb = new float[3];
        for (int i = 0; i < pixels.length; i++) {
            int a = pixels[i] >>> 24;
            if (a == 0) {
                continue;
            }
            // un-premultiply, shift in HSB, premultiply again
            int r = Math.min(255, ((pixels[i] >> 16) & 0xff) * 255 / a);
            int gr = Math.min(255, ((pixels[i] >> 8) & 0xff) * 255 / a);
            int b = Math.min(255, (pixels[i] & 0xff) * 255 / a);
            Color.RGBtoHSB(r, gr, b, hsb);
            int rgb = Color.HSBtoRGB(hsb[0] + hueShift, hsb[1], Math.min(1f, hsb[2] * brightness));
            pixels[i] = a << 24 | (((rgb >> 16) & 0xff) * a / 255) << 16 | (((rgb >> 8) & 0xff) * a / 255) << 8
                    | (rgb & 0xff) * a / 255;
        }
    }
}
