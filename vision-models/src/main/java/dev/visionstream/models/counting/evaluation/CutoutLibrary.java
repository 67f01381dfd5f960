package dev.visionstream.models.counting.evaluation;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The cut-outs of Debian's {@code tuxpaint-stamps-default} as fetched by {@code scripts/fetch-counting-eval-data.sh}
 * into {@code <data>/x/tuxpaint-stamps-default}: every PNG stamp with a real transparent background and enough
 * opaque pixels, with its split and shape figures. Pixels are decoded again when a scene needs them (a few are
 * kept), so the whole library never sits in memory.
 */
public final class CutoutLibrary {
    public static final String PACKAGE = "tuxpaint-stamps-default";
    static final String STAMPS = "usr/share/tuxpaint/stamps";
    /** Fewer transparent pixels than this share of the picture: not a cut-out but a picture with a border. */
    private static final double MIN_TRANSPARENT_SHARE = 0.05;
    private static final int MIN_OPAQUE_PIXELS = 400;
    private static final int OPAQUE = 128;
    private static final int CACHED = 16;
    private static final Pattern FIRST_WORD = Pattern.compile("^[^a-z]*([a-z]+)");

    private final Path packageRoot;
    private final List<Cutout> cutouts;
    private final DebianCopyright copyright;
    private final Map<String, BufferedImage> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
            return size() > CACHED;
        }
    };

    private CutoutLibrary(Path packageRoot, List<Cutout> cutouts) {
        this.packageRoot = packageRoot;
        this.cutouts = cutouts;
        this.copyright = DebianCopyright.read(packageRoot, PACKAGE);
    }

    /** Scans {@code <data>/x/tuxpaint-stamps-default}; fails with what to run when it was not fetched. */
    public static CutoutLibrary load(Path data) {
        Path root = data.resolve("x").resolve(PACKAGE);
        Path stamps = root.resolve(STAMPS);
        if (!Files.isRegularFile(root.resolve(".fetched")) || !Files.isDirectory(stamps)) {
            throw new ManifestException(PACKAGE + " is not fetched under " + data
                    + ": run scripts/fetch-counting-eval-data.sh");
        }
        List<Cutout> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stamps)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                String id = stamps.relativize(file).toString().replace('\\', '/');
                id = id.substring(0, id.length() - ".png".length());
                Cutout c = measure(id, root.relativize(file).toString().replace('\\', '/'), read(file));
                if (c != null) {
                    found.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + stamps, e);
        }
        return new CutoutLibrary(root, List.copyOf(found));
    }

    public List<Cutout> all() {
        return cutouts;
    }

    public List<Cutout> of(DatasetSplit split) {
        return cutouts.stream().filter(c -> c.split() == split).toList();
    }

    public String licenceOf(Cutout c) {
        return copyright.licenceOf(c.file());
    }

    /** The cut-out's opaque part and its soft edge, premultiplied ARGB. */
    public synchronized BufferedImage pixels(Cutout c) {
        return cache.computeIfAbsent(c.id(), id -> trim(read(packageRoot.resolve(c.file()))));
    }

    /** The key of the split: the file name's first word (digits and signs skipped), else the folder's path. */
    static String group(String id) {
        int slash = id.lastIndexOf('/');
        Matcher m = FIRST_WORD.matcher(id.substring(slash + 1).toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) : id.substring(0, Math.max(0, slash));
    }

    static String category(String id) {
        String[] parts = id.split("/");
        return parts.length <= 2 ? parts[0] : parts[0] + "/" + parts[1];
    }

    private static Cutout measure(String id, String file, BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int transparent = 0;
        int opaque = 0;
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        double saturation = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int a = argb >>> 24;
                if (a == 0) {
                    transparent++;
                }
                if (a >= OPAQUE) {
                    opaque++;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                    Color.RGBtoHSB((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, hsb);
                    saturation += hsb[1];
                }
            }
        }
        if (transparent < MIN_TRANSPARENT_SHARE * w * h || opaque < MIN_OPAQUE_PIXELS) {
            return null;
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        String group = group(id);
        return new Cutout(id, file, group, category(id), DatasetSplit.of(group), bw, bh, (double) opaque / (bw * bh),
                saturation / opaque);
    }

    /** Crops to the pixels that are not fully transparent, as premultiplied ARGB (what bilinear drawing needs). */
    private static BufferedImage trim(BufferedImage img) {
        int x0 = img.getWidth();
        int y0 = img.getHeight();
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) != 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        BufferedImage out = new BufferedImage(x1 - x0 + 1, y1 - y0 + 1, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, -x0, -y0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new ManifestException("cannot decode " + file);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
