package dev.visionstream.models.pose;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws target and fitted SMPL-24 joints side by side in a front view (x right-to-left as the body's left, y up)
 * and a side view (z forward, y up), pelvis-centred: green = target, red = fitted, bones along SMPL's parents.
 */
public final class SkeletonImage {
    private static final Color TARGET = new Color(40, 170, 70);
    private static final Color FITTED = new Color(220, 50, 40);

    private SkeletonImage() {
    }

    public static BufferedImage render(double[][] target, double[][] fitted, String title, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double scale = 0.42 * height;
        int top = 40;
        for (int view = 0; view < 2; view++) {
            int cx = width / 4 + view * width / 2;
            int cy = top + (height - top) / 2;
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(view == 0 ? "front (x, y)" : "side (z, y)", cx - 40, height - 10);
            draw(g, target, target[0], view, cx, cy, scale, TARGET, 5f);
            draw(g, fitted, target[0], view, cx, cy, scale, FITTED, 2f);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(TARGET);
        g.drawString("target", 10, 36);
        g.setColor(FITTED);
        g.drawString("fitted", 60, 36);
        g.dispose();
        return image;
    }

    private static void draw(Graphics2D g, double[][] joints, double[] centre, int view, int cx, int cy, double scale,
                             Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            int[] a = project(joints[SmplSkeleton.parent(k)], centre, view, cx, cy, scale);
            int[] b = project(joints[k], centre, view, cx, cy, scale);
            g.drawLine(a[0], a[1], b[0], b[1]);
        }
        for (double[] j : joints) {
            int[] p = project(j, centre, view, cx, cy, scale);
            g.fillOval(p[0] - 3, p[1] - 3, 6, 6);
        }
    }

    private static int[] project(double[] p, double[] centre, int view, int cx, int cy, double scale) {
        double h = view == 0 ? -(p[0] - centre[0]) : p[2] - centre[2];
        double v = p[1] - centre[1];
        return new int[] {(int) Math.round(cx + h * scale), (int) Math.round(cy - v * scale)};
    }
}
