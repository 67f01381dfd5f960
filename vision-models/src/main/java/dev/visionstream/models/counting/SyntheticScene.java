package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A generated counting scene with an exact answer: {@code targets} objects of one shape and colour among
 * distractors that differ in shape, colour or both, with random sizes, slight overlaps and a textured background.
 * Three exemplar boxes frame the target objects nearest the image centre; {@code targetMask} shows the targets
 * alone (white on black). Used by the accuracy tests, the benchmark and the demo.
 */
public record SyntheticScene(BufferedImage image, int targets, List<Box> exemplars, BufferedImage targetMask) {
    enum Kind { DISC, SQUARE, TRIANGLE, RING }

    private record Placed(double cx, double cy, double r) {
    }

    /** A scene of {@code width x height} with {@code targets} objects (at least 3), reproducible from the seed. */
    public static SyntheticScene generate(long seed, int width, int height, int targets) {
        Random rnd = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        background(g, rnd, width, height);
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D maskG = mask.createGraphics();
        maskG.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        maskG.setColor(Color.WHITE);

        Kind targetKind = Kind.values()[rnd.nextInt(Kind.values().length)];
        float targetHue = rnd.nextFloat();
        int distractors = rnd.nextInt(targets / 2 + 6);
        // objects fill at most about a third of the frame, whatever their number
        double maxRadius = Math.min(Math.sqrt(0.33 * width * height / ((targets + distractors) * Math.PI)),
                Math.min(width, height) / 8.0);
        double base = Math.max(7, maxRadius * (0.55 + 0.3 * rnd.nextDouble()));
        List<Placed> placed = new ArrayList<>();
        List<Box> exemplars = new ArrayList<>();
        int drawnTargets = 0;
        for (int i = 0; i < targets + distractors; i++) {
            boolean target = i < targets;
            double r = base * (0.85 + 0.3 * rnd.nextDouble());
            Placed p = place(rnd, placed, r, width, height);
            if (p == null) {
                if (target) {
                    throw new IllegalStateException("no room for target " + i + " of " + targets);
                }
                continue;
            }
            placed.add(p);
            Kind kind = targetKind;
            float hue = targetHue;
            if (!target) {
                int how = rnd.nextInt(3); // 0: other shape, 1: other colour, 2: both
                if (how != 1) {
                    kind = Kind.values()[(targetKind.ordinal() + 1 + rnd.nextInt(Kind.values().length - 1))
                            % Kind.values().length];
                }
                if (how != 0) {
                    hue = (targetHue + 0.25f + 0.5f * rnd.nextFloat()) % 1f;
                }
            }
            float brightness = 0.75f + 0.2f * rnd.nextFloat();
            g.setColor(Color.getHSBColor(hue, 0.8f, brightness));
            draw(g, kind, p);
            if (target) {
                draw(maskG, kind, p);
                drawnTargets++;
                exemplars.add(new Box(Math.floor(p.cx - p.r), Math.floor(p.cy - p.r), Math.ceil(2 * p.r) + 1,
                        Math.ceil(2 * p.r) + 1));
            }
        }
        g.dispose();
        maskG.dispose();
        // the three targets nearest the centre: CountingDINO's box scaling is exact there and drifts
        // by up to a kernel width toward the borders
        exemplars.sort(Comparator.comparingDouble(b -> Math.hypot(b.x() + b.width() / 2 - width / 2.0,
                b.y() + b.height() / 2 - height / 2.0)));
        exemplars = new ArrayList<>(exemplars.subList(0, 3));
        return new SyntheticScene(image, drawnTargets, List.copyOf(exemplars), mask);
    }

    private static void background(Graphics2D g, Random rnd, int w, int h) {
        float hue = rnd.nextFloat();
        float sat = 0.1f + 0.2f * rnd.nextFloat();
        float bri = 0.3f + 0.5f * rnd.nextFloat();
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, sat, bri), w, h,
                Color.getHSBColor((hue + 0.1f) % 1f, sat, Math.min(1f, bri + 0.15f))));
        g.fillRect(0, 0, w, h);
        // soft texture: many faint blobs
        for (int i = 0; i < 60; i++) {
            float b = Math.max(0f, Math.min(1f, bri + (rnd.nextFloat() - 0.5f) * 0.2f));
            g.setColor(new Color(Color.HSBtoRGB(hue, sat, b) & 0xffffff | (40 << 24), true));
            double s = 20 + rnd.nextDouble() * 80;
            g.fill(new Ellipse2D.Double(rnd.nextDouble() * w - s / 2, rnd.nextDouble() * h - s / 2, s, s));
        }
    }

    /** A free spot (centres at least 0.85 * (r1 + r2) apart: neighbours may touch and overlap a little). */
    private static Placed place(Random rnd, List<Placed> placed, double r, int w, int h) {
        for (int attempt = 0; attempt < 400; attempt++) {
            double cx = r + 1 + rnd.nextDouble() * (w - 2 * r - 2);
            double cy = r + 1 + rnd.nextDouble() * (h - 2 * r - 2);
            boolean free = true;
            for (Placed q : placed) {
                double min = 0.85 * (r + q.r);
                if ((q.cx - cx) * (q.cx - cx) + (q.cy - cy) * (q.cy - cy) < min * min) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new Placed(cx, cy, r);
            }
        }
        return null;
    }

    private static void draw(Graphics2D g, Kind kind, Placed p) {
        double r = p.r;
        g.setStroke(new BasicStroke(1f));
        Shape s = switch (kind) {
            case DISC, RING -> new Ellipse2D.Double(p.cx - r, p.cy - r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(p.cx - r * 0.9, p.cy - r * 0.9, 1.8 * r, 1.8 * r);
            case TRIANGLE -> triangle(p.cx, p.cy, r);
        };
        if (kind == Kind.RING) {
            g.setStroke(new BasicStroke((float) Math.max(2, r * 0.35)));
            g.draw(new Ellipse2D.Double(p.cx - r * 0.82, p.cy - r * 0.82, 1.64 * r, 1.64 * r));
        } else {
            g.fill(s);
        }
    }

    private static Shape triangle(double cx, double cy, double r) {
        Path2D.Double t = new Path2D.Double();
        t.moveTo(cx, cy - r);
        t.lineTo(cx + r * 0.95, cy + r * 0.8);
        t.lineTo(cx - r * 0.95, cy + r * 0.8);
        t.closePath();
        return t;
    }
}
