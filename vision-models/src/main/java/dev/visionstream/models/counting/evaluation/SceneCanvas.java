package dev.visionstream.models.counting.evaluation;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture being composed, with the owner of every pixel (the topmost opaque object there), so that the
 * visible share of each object is known exactly while objects are pasted over one another.
 */
final class SceneCanvas {
    /** An object on the canvas: the sprite's top-left corner, and how many of its opaque pixels are still on top. */
    static final class Placed {
        final Sprite sprite;
        final int x;
        final int y;
        final boolean target;
        int visible;

        Placed(Sprite sprite, int x, int y, boolean target) {
            this.sprite = sprite;
            this.x = x;
            this.y = y;
            this.target = target;
            this.visible = sprite.area;
        }

        boolean fullyVisible() {
            return visible == sprite.area;
        }

        double centreX() {
            return x + (sprite.x0 + sprite.x1 + 1) / 2.0;
        }

        double centreY() {
            return y + (sprite.y0 + sprite.y1 + 1) / 2.0;
        }

        PixelBox box() {
            return new PixelBox(x + sprite.x0, y + sprite.y0, x + sprite.x1 + 1, y + sprite.y1 + 1);
        }
    }

    final int width;
    final int height;
    private final BufferedImage image;
    private final int[] rgb;
    /** Index + 1 into {@link #placed} of the object on top, 0 for background. */
    private final int[] owner;
    private final List<Placed> placed = new ArrayList<>();

    SceneCanvas(BufferedImage background) {
        this.width = background.getWidth();
        this.height = background.getHeight();
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(background, 0, 0, null);
        g.dispose();
        this.rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.owner = new int[width * height];
    }

    List<Placed> placed() {
        return placed;
    }

    boolean inside(Sprite s, int x, int y) {
        return x + s.x0 >= 0 && y + s.y0 >= 0 && x + s.x1 < width && y + s.y1 < height;
    }

    /** How many opaque pixels of the sprite at (x, y) would cover an object already placed. */
    int contact(Sprite s, int x, int y) {
        int n = 0;
        for (int sy = s.y0; sy <= s.y1; sy++) {
            for (int sx = s.x0; sx <= s.x1; sx++) {
                if (s.opaque[sy * s.width + sx] && owner[(y + sy) * width + x + sx] != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether pasting the sprite at (x, y) leaves every placed object at least {@code minVisible} visible. */
    boolean keepsVisible(Sprite s, int x, int y, double minVisible) {
        int[] covered = new int[placed.size()];
        boolean any = false;
        for (int sy = s.y0; sy <= s.y1; sy++) {
            for (int sx = s.x0; sx <= s.x1; sx++) {
                if (s.opaque[sy * s.width + sx]) {
                    int o = owner[(y + sy) * width + x + sx];
                    if (o != 0) {
                        covered[o - 1]++;
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return true;
        }
        for (int i = 0; i < covered.length; i++) {
            Placed p = placed.get(i);
            if (covered[i] > 0 && p.visible - covered[i] < minVisible * p.sprite.area) {
                return false;
            }
        }
        return true;
    }

    Placed paste(Sprite s, int x, int y, boolean target) {
        Placed p = new Placed(s, x, y, target);
        placed.add(p);
        int id = placed.size();
        for (int sy = 0; sy < s.height; sy++) {
            int cy = y + sy;
            if (cy < 0 || cy >= height) {
                continue;
            }
            for (int sx = 0; sx < s.width; sx++) {
                int cx = x + sx;
                int src = s.argb[sy * s.width + sx];
                int a = src >>> 24;
                if (cx < 0 || cx >= width || a == 0) {
                    continue;
                }
                int i = cy * width + cx;
                int dst = rgb[i];
                int keep = 255 - a;
                rgb[i] = (((src >> 16) & 0xff) + ((dst >> 16) & 0xff) * keep / 255) << 16
                        | (((src >> 8) & 0xff) + ((dst >> 8) & 0xff) * keep / 255) << 8
                        | ((src & 0xff) + (dst & 0xff) * keep / 255);
                if (s.opaque[sy * s.width + sx]) {
                    if (owner[i] != 0) {
                        placed.get(owner[i] - 1).visible--;
                    }
                    owner[i] = id;
                }
            }
        }
        return p;
    }

    BufferedImage image() {
        return image;
    }
}
