package dev.visionstream.models.counting;

import dev.visionstream.models.image.PngBytes;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;

/**
 * A picture of a count: the image dimmed to grey, the density map laid over it in heat colours (placed at the
 * window centres it stands for), the exemplar boxes, the peaks (white crosses), the counted instances (cyan rings: the
 * verified ones, or the kept peaks when the count is by instances), and the count in the corner.
 */
public final class DensityOverlay {
    private DensityOverlay() {
    }

    public static BufferedImage render(BufferedImage image, CountResult result) {
        int w = image.getWidth();
        int h = image.getHeight();
        DensityMap map = result.density();
        float max = 0;
        for (float v : map.values()) {
            max = Math.max(max, v);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // whole rows in and out, map columns worked out once: pixel by pixel getRGB/setRGB took 11 ms a frame
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] source = image.getRGB(0, 0, w, h, null, 0, w);
        int[] columns = new int[w];
        for (int x = 0; x < w; x++) {
            int col = (int) Math.round(map.column(x + 0.5));
            columns[x] = col < 0 || col >= map.width() ? -1 : col;
        }
        for (int y = 0; y < h; y++) {
            int row = (int) Math.round(map.row(y + 0.5));
            boolean inside = row >= 0 && row < map.height() && max > 0;
            for (int x = 0; x < w; x++) {
                int p = source[y * w + x];
                float grey = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3f * 0.6f;
                float d = inside && columns[x] >= 0 ? map.at(row, columns[x]) / max : 0;
                pixels[y * w + x] = blend(grey, d);
            }
        }
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(60, 255, 90));
        for (Box b : result.exemplars()) {
            g.draw(new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height()));
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        for (Point p : result.peaks()) {
            g.draw(new Line2D.Double(p.x() - 3, p.y(), p.x() + 3, p.y()));
            g.draw(new Line2D.Double(p.x(), p.y() - 3, p.x(), p.y() + 3));
        }
        // the counted instances (verified ones, or kept peaks): a ring at each, dark-edged to show on light objects
        double ring = Math.max(4, Math.min(w, h) / 80.0);
        for (Point p : result.countedInstances()) {
            Ellipse2D.Double circle = new Ellipse2D.Double(p.x() - ring, p.y() - ring, 2 * ring, 2 * ring);
            g.setColor(new Color(0, 0, 0, 160));
            g.setStroke(new BasicStroke(4f));
            g.draw(circle);
            g.setColor(new Color(0, 220, 255));
            g.setStroke(new BasicStroke(2f));
            g.draw(circle);
        }
        String label = String.format(Locale.ROOT, "count %s  (%s%d instances, density %.1f; %s %s)",
                result.estimator() == CountEstimator.DENSITY ? String.format(Locale.ROOT, "%.1f", result.densityCount())
                        : Integer.toString((int) result.count()),
                result.verified() == null ? "" : result.verifiedCount() + " verified, ",
                result.instanceCount(), result.densityCount(), result.backbone().name(), result.backbone().version());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, h / 30)));
        int textH = g.getFontMetrics().getHeight();
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, 0, g.getFontMetrics().stringWidth(label) + 12, textH + 6);
        g.setColor(Color.WHITE);
        g.drawString(label, 6, textH);
        g.dispose();
        return out;
    }

    public static byte[] png(BufferedImage image, CountResult result) {
        return PngBytes.of(render(image, result));
    }

    /** Grey image plus a heat colour (black-red-yellow-white) weighted by the density. */
    private static int blend(float grey, float d) {
        float r = Math.min(1f, d * 3f);
        float gg = Math.min(1f, Math.max(0f, d * 3f - 1f));
        float b = Math.min(1f, Math.max(0f, d * 3f - 2f));
        float a = d > 0 ? 0.35f + 0.65f * Math.min(1f, d * 2f) : 0f;
        int rr = (int) (grey * (1 - a) + 255 * r * a);
        int g2 = (int) (grey * (1 - a) + 255 * gg * a);
        int bb = (int) (grey * (1 - a) + 255 * b * a);
        return (clamp(rr) << 16) | (clamp(g2) << 8) | clamp(bb);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
