package dev.visionstream.models.inpainting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Random free-form masks in the style of the irregular-mask sets (thick random brush strokes, some blobs), drawn
 * until the hole fraction reaches a target drawn uniformly from [min, max]. Deterministic for a given Random.
 */
public final class IrregularMasks {
    private IrregularMasks() {
    }

    public static InpaintMask generate(int width, int height, double minFraction, double maxFraction, Random random) {
        if (!(0 < minFraction && minFraction <= maxFraction && maxFraction < 1)) {
            throw new IllegalArgumentException("hole fractions must satisfy 0 < min <= max < 1");
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            double target = minFraction + random.nextDouble() * (maxFraction - minFraction);
            InpaintMask mask = draw(width, height, target, random);
            double f = mask.holeFraction();
            if (f >= minFraction && f <= maxFraction) {
                return mask;
            }
        }
        throw new IllegalStateException("could not draw a mask with " + minFraction + ".." + maxFraction + " holes");
    }

    private static InpaintMask draw(int width, int height, double target, Random random) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        int size = Math.min(width, height);
        byte[] pixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        while (fraction(pixels) < target) {
            if (random.nextDouble() < 0.8) {
                stroke(g, width, height, size, random);
            } else {
                int d = (int) (size * (0.08 + 0.17 * random.nextDouble()));
                g.fillOval(random.nextInt(width) - d / 2, random.nextInt(height) - d / 2, d,
                        (int) (d * (0.5 + random.nextDouble())));
            }
        }
        g.dispose();
        return InpaintMask.fromImage(canvas);
    }

    private static double fraction(byte[] pixels) {
        int holes = 0;
        for (byte p : pixels) {
            holes += p != 0 ? 1 : 0;
        }
        return (double) holes / pixels.length;
    }

    private static void stroke(Graphics2D g, int width, int height, int size, Random random) {
        float thickness = (float) (size * (0.02 + 0.07 * random.nextDouble()));
        g.setStroke(new BasicStroke(thickness, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        double x = random.nextInt(width);
        double y = random.nextInt(height);
        path.moveTo(x, y);
        int vertices = 2 + random.nextInt(6);
        double angle = random.nextDouble() * 2 * Math.PI;
        for (int v = 0; v < vertices; v++) {
            angle += (random.nextDouble() - 0.5) * Math.PI;
            double length = size * (0.05 + 0.2 * random.nextDouble());
            x = Math.max(0, Math.min(width - 1, x + Math.cos(angle) * length));
            y = Math.max(0, Math.min(height - 1, y + Math.sin(angle) * length));
            path.lineTo(x, y);
        }
        g.draw(path);
    }
}
