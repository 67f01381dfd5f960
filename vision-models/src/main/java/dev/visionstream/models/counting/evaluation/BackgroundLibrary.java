package dev.visionstream.models.counting.evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Real photographs from Debian wallpaper packages, fetched by {@code scripts/fetch-counting-eval-data.sh} (which
 * unpacks only the photographs, not the graphics), split like the cut-outs so held-out scenes also have backgrounds
 * never seen in training.
 */
public final class BackgroundLibrary {
    public static final List<String> PACKAGES = List.of("mate-backgrounds", "lomiri-wallpapers-16.04");
    /** Photos are kept at most this long a side: crops are at least 640 px wide, so nothing is lost. */
    private static final int KEPT_SIDE = 1600;
    private static final int CACHED = 4;
    /** A crop is at least this share of the photo's largest crop, so it stays a scene rather than a texture patch. */
    private static final double MIN_CROP_SHARE = 0.4;

    private final List<BackgroundPhoto> photos;
    private final Map<String, DebianCopyright> copyrights;
    private final Map<BackgroundPhoto, Double> textures = new HashMap<>();
    private final Map<Path, BufferedImage> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, BufferedImage> eldest) {
            return size() > CACHED;
        }
    };

    private BackgroundLibrary(List<BackgroundPhoto> photos, Map<String, DebianCopyright> copyrights) {
        this.photos = photos;
        this.copyrights = copyrights;
    }

    public static BackgroundLibrary load(Path data) {
        List<BackgroundPhoto> photos = new ArrayList<>();
        Map<String, DebianCopyright> copyrights = new HashMap<>();
        for (String pkg : PACKAGES) {
            Path root = data.resolve("x").resolve(pkg);
            if (!Files.isRegularFile(root.resolve(".fetched"))) {
                throw new ManifestException(pkg + " is not fetched under " + data
                        + ": run scripts/fetch-counting-eval-data.sh");
            }
            copyrights.put(pkg, DebianCopyright.read(root, pkg));
            try (Stream<Path> files = Files.walk(root.resolve("usr/share/backgrounds"))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                    String name = p.getFileName().toString();
                    photos.add(new BackgroundPhoto(pkg, root.relativize(p).toString().replace('\\', '/'), p,
                            DatasetSplit.of(name.substring(0, name.length() - ".jpg".length()))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + root, e);
            }
        }
        return new BackgroundLibrary(List.copyOf(photos), copyrights);
    }

    /** The photographs {@code keep} accepts, as a library of their own (training folds draw from one). */
    public BackgroundLibrary only(Predicate<BackgroundPhoto> keep) {
        return new BackgroundLibrary(photos.stream().filter(keep).toList(), copyrights);
    }

    public List<BackgroundPhoto> of(DatasetSplit split) {
        return photos.stream().filter(p -> p.split() == split).toList();
    }

    /**
     * The busier half of the split's photos (at least the median {@link #texture}, measured on the whole photo at
     * 640 px wide), where cluttered scenes are cut from.
     */
    public synchronized List<BackgroundPhoto> busier(DatasetSplit split) {
        List<BackgroundPhoto> all = of(split);
        for (BackgroundPhoto p : all) {
            textures.computeIfAbsent(p, k -> {
                BufferedImage full = pixels(k);
                int height = (int) Math.round(640.0 * full.getHeight() / full.getWidth());
                return texture(Resampling.resize(full, 640, height));
            });
        }
        double median = all.stream().mapToDouble(textures::get).sorted().skip(all.size() / 2).findFirst().orElseThrow();
        return all.stream().filter(p -> textures.get(p) >= median).toList();
    }

    public String licenceOf(BackgroundPhoto photo) {
        return copyrights.get(photo.pkg()).licenceOf(photo.file());
    }

    /** A random crop of the photo with the aspect of {@code width x height}, resized to that. */
    public BufferedImage crop(BackgroundPhoto photo, Random rnd, int width, int height) {
        BufferedImage full = pixels(photo);
        double aspect = (double) width / height;
        int maxW = (int) Math.min(full.getWidth(), full.getHeight() * aspect);
        int minW = (int) Math.min(maxW, Math.max(width, MIN_CROP_SHARE * maxW));
        int cw = minW + rnd.nextInt(maxW - minW + 1);
        int ch = (int) Math.round(cw / aspect);
        int x = rnd.nextInt(full.getWidth() - cw + 1);
        int y = rnd.nextInt(full.getHeight() - ch + 1);
        return Resampling.resize(full.getSubimage(x, y, cw, ch), width, height);
    }

    /** Mean absolute luma difference between neighbouring pixels: how busy a background is. */
    public static double texture(BufferedImage img) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y + 1 < img.getHeight(); y += 2) {
            for (int x = 0; x + 1 < img.getWidth(); x += 2) {
                int here = luma(img.getRGB(x, y));
                sum += Math.abs(here - luma(img.getRGB(x + 1, y))) + Math.abs(here - luma(img.getRGB(x, y + 1)));
                n += 2;
            }
        }
        return sum / n;
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }

    private synchronized BufferedImage pixels(BackgroundPhoto photo) {
        return cache.computeIfAbsent(photo.path(), p -> {
            try {
                BufferedImage img = ImageIO.read(p.toFile());
                if (img == null) {
                    throw new ManifestException("cannot decode " + p);
                }
                double scale = Math.min(1, (double) KEPT_SIDE / Math.max(img.getWidth(), img.getHeight()));
                return scale == 1 ? img : Resampling.resize(img, (int) Math.round(img.getWidth() * scale),
                        (int) Math.round(img.getHeight() * scale));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        });
    }
}
