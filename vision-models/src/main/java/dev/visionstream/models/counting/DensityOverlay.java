package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A picture of a count: the image dimmed to grey, the density map laid over it in heat colours (placed at the
 * window centres it stands for), the exemplar boxes, the peaks, and the count in the corner.
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
        for (int y = 0; y < h; y++) {
            int row = (int) Math.round(map.row(y + 0.5));
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                float grey = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3f * 0.6f;
                int col = (int) Math.round(map.column(x + 0.5));
                float d = row < 0 || col < 0 || row >= map.height() || col >= map.width() || max <= 0 ? 0
                        : map.at(row, col) / max;
                out.setRGB(x, y, blend(grey, d));
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
        String label = String.format(Locale.ROOT, "count %.1f  (%s %s)", result.count(), result.backbone().name(),
                result.backbone().version());
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
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(render(image, result), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
