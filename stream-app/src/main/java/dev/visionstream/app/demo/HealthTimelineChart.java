package dev.visionstream.app.demo;

import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.HealthFinding;
import dev.visionstream.schemas.HealthKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one camera's health over its frames: mean luma as a line, dark and bright fractions as bands, and a row of
 * coloured ticks per rule that fired.
 */
public final class HealthTimelineChart {
    private static final Map<HealthKind, Color> COLOURS = new EnumMap<>(Map.of(
            HealthKind.FROZEN, new Color(0x1f77b4),
            HealthKind.BLACK, new Color(0x333333),
            HealthKind.OVEREXPOSED, new Color(0xe6a700),
            HealthKind.SEQUENCE_GAP, new Color(0x9467bd),
            HealthKind.STALL, new Color(0xd62728),
            HealthKind.RESOLUTION_CHANGE, new Color(0x2ca02c),
            HealthKind.DISCONNECTED, new Color(0x8c564b),
            HealthKind.RECONNECTED, new Color(0x17becf),
            HealthKind.FRAMES_DROPPED, new Color(0xff7f0e)));

    private HealthTimelineChart() {
    }

    public static BufferedImage render(String cameraId, List<CameraHealthEvent> events, int width, int height) {
        List<CameraHealthEvent> frames = events.stream().filter(e -> e.frame() != null && e.source().sequence() != null)
                .sorted(Comparator.comparing(e -> e.source().sequence())).toList();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = 50;
        int right = width - 20;
        int top = 40;
        int plotBottom = height - 40 - 14 * COLOURS.size();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("camera " + cameraId + ": health over " + frames.size() + " frames", left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, plotBottom - top);
        g.drawString("255", 18, top + 8);
        g.drawString("0", 34, plotBottom);
        if (frames.isEmpty()) {
            g.dispose();
            return image;
        }
        long first = frames.get(0).source().sequence();
        long last = Math.max(first + 1, frames.get(frames.size() - 1).source().sequence());
        double xScale = (double) (right - left) / (last - first);
        Path2D luma = new Path2D.Double();
        for (int i = 0; i < frames.size(); i++) {
            CameraHealthEvent e = frames.get(i);
            double x = left + (e.source().sequence() - first) * xScale;
            double dark = e.frame().darkFraction() * (plotBottom - top);
            double bright = e.frame().brightFraction() * (plotBottom - top);
            g.setColor(new Color(0, 0, 0, 40));
            g.fill(new Rectangle2D.Double(x, plotBottom - dark, Math.max(1, xScale), dark));
            g.setColor(new Color(255, 170, 0, 60));
            g.fill(new Rectangle2D.Double(x, top, Math.max(1, xScale), bright));
            double y = plotBottom - e.frame().meanLuma() / 255.0 * (plotBottom - top);
            if (i == 0) {
                luma.moveTo(x, y);
            } else {
                luma.lineTo(x, y);
            }
        }
        g.setColor(new Color(0x1f4e79));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(luma);
        int row = 0;
        for (Map.Entry<HealthKind, Color> kind : COLOURS.entrySet()) {
            int y = plotBottom + 18 + 14 * row++;
            g.setColor(Color.DARK_GRAY);
            g.drawString(kind.getKey().name().toLowerCase().replace('_', ' '), 4, y + 9);
            g.setColor(kind.getValue());
            for (CameraHealthEvent e : events) {
                if (e.source().sequence() == null) {
                    continue;
                }
                for (HealthFinding f : e.findings()) {
                    if (f.kind() == kind.getKey()) {
                        double x = left + (e.source().sequence() - first) * xScale;
                        g.fillRect((int) x, y, Math.max(2, (int) Math.ceil(xScale)), 10);
                    }
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("sequence " + first, left, height - 6);
        g.drawString(String.valueOf(last), right - 30, height - 6);
        g.dispose();
        return image;
    }
}
