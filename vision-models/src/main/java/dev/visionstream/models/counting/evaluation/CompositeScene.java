package dev.visionstream.models.counting.evaluation;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A composite counting scene with an exact count: copies of one target cut-out pasted onto a crop of a real
 * photograph, among distractor cut-outs of other classes, each copy scaled by up to ±25 %, rotated and shifted in
 * hue and brightness. Objects may touch and overlap, but every object keeps at least {@link #MIN_VISIBLE} of its
 * opaque pixels on top, so each counted target is plainly there. The exemplars are the tight boxes of the three
 * fully visible targets nearest the centre (CountingDINO's box scaling is exact only there).
 *
 * @param image   the picture
 * @param entry   its manifest entry (path = name + ".png")
 * @param objects every object pasted, targets and distractors, in paste order
 */
public record CompositeScene(BufferedImage image, ManifestImage entry, List<PastedObject> objects) {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final double MIN_VISIBLE = 0.6;
    static final double SCALE_SPREAD = 0.25;
    private static final int ATTEMPTS = 12;
    private static final int TRIES_PER_OBJECT = 200;
    /** A textured scene takes the busiest of this many crops of one of the busier photos. */
    private static final int BACKGROUND_CANDIDATES = 4;
    private static final double MIN_SIDE = 12;
    private static final double MAX_SIDE = 150;
    /** The share of a new cluster among the targets of a touching scene. */
    private static final double NEW_CLUSTER = 0.12;

    private record Item(Cutout cutout, boolean target, float hueShift) {
    }

    /** Thrown inside when one attempt cannot place every target; the next attempt packs more loosely. */
    private static final class NoRoom extends Exception {
        NoRoom() {
            super(null, null, false, false);
        }
    }

    /** The scene of {@code spec} with copies of {@code target}; classes and backgrounds come from {@code split}. */
    public static CompositeScene generate(SceneSpec spec, Cutout target, DatasetSplit split, CutoutLibrary cutouts,
                                          BackgroundLibrary backgrounds) {
        if (target.split() != split) {
            throw new IllegalArgumentException(target.id() + " belongs to the " + target.split().label()
                    + " split, not " + split.label());
        }
        Random rnd = new Random(spec.seed());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double looseness = Math.pow(0.85, attempt);
            try {
                return compose(spec, target, split, cutouts, backgrounds, rnd, looseness);
            } catch (NoRoom e) {
                // the random draws differ on the next attempt, and the objects are smaller
            }
        }
        throw new IllegalStateException("scene " + spec + " with " + target.id() + ": no room for every target in "
                + ATTEMPTS + " attempts");
    }

    private static CompositeScene compose(SceneSpec spec, Cutout target, DatasetSplit split, CutoutLibrary cutouts,
                                          BackgroundLibrary backgrounds, Random rnd, double looseness)
            throws NoRoom {
        List<BackgroundPhoto> photos = spec.textured() ? backgrounds.busier(split) : backgrounds.of(split);
        BackgroundPhoto photo = photos.get(rnd.nextInt(photos.size()));
        BufferedImage background = backgrounds.crop(photo, rnd, WIDTH, HEIGHT);
        double busiest = spec.textured() ? BackgroundLibrary.texture(background) : 0;
        for (int i = 1; spec.textured() && i < BACKGROUND_CANDIDATES; i++) {
            BufferedImage crop = backgrounds.crop(photo, rnd, WIDTH, HEIGHT);
            double texture = BackgroundLibrary.texture(crop);
            if (texture > busiest) {
                busiest = texture;
                background = crop;
            }
        }
        List<Cutout> distractorClasses = distractorClasses(target, cutouts.of(split), rnd);
        int n = spec.count();
        int distractors = distractorClasses.isEmpty() ? 0
                : Math.max(3, (int) Math.round(n * (0.1 + 0.2 * rnd.nextDouble())));
        List<Item> items = items(spec, target, distractorClasses, n, distractors, rnd);

        SceneCanvas canvas = new SceneCanvas(background);
        double areaPerTarget = WIDTH * HEIGHT * (spec.layout() == SceneLayout.TOUCHING ? 0.25 + 0.07 * rnd.nextDouble()
                : 0.2 + 0.1 * rnd.nextDouble()) * looseness / n;
        if (spec.layout() == SceneLayout.GRID) {
            placeGrid(canvas, items, cutouts, rnd, looseness);
        } else {
            for (Item item : items) {
                double side = nominalSide(item.cutout(), areaPerTarget);
                if (spec.layout() == SceneLayout.TOUCHING && item.target()) {
                    placeTouching(canvas, item, side, cutouts, rnd);
                } else {
                    placeAnywhere(canvas, item, side, cutouts, rnd);
                }
            }
        }
        List<SceneCanvas.Placed> exemplars = canvas.placed().stream()
                .filter(p -> p.target && p.fullyVisible())
                .sorted(Comparator.comparingDouble(p -> Math.hypot(p.centreX() - WIDTH / 2.0,
                        p.centreY() - HEIGHT / 2.0)))
                .limit(3).toList();
        long placedTargets = canvas.placed().stream().filter(p -> p.target).count();
        if (exemplars.size() < 3 || placedTargets != n) {
            throw new NoRoom();
        }
        List<PastedObject> objects = canvas.placed().stream()
                .map(p -> new PastedObject(p.box(), (double) p.visible / p.sprite.area, p.target)).toList();
        return new CompositeScene(canvas.image(), entry(spec, target, split, photo, distractorClasses, canvas,
                exemplars, cutouts, backgrounds), objects);
    }

    /** Two to four other classes, half of them from the target's own category when it has any (look-alikes). */
    private static List<Cutout> distractorClasses(Cutout target, List<Cutout> pool, Random rnd) {
        List<Cutout> others = new ArrayList<>(pool.stream().filter(c -> !c.group().equals(target.group())).toList());
        List<Cutout> alike = new ArrayList<>(others.stream()
                .filter(c -> c.category().equals(target.category())).toList());
        int k = Math.min(others.size(), 2 + rnd.nextInt(3));
        List<Cutout> chosen = new ArrayList<>();
        while (chosen.size() < k / 2 && !alike.isEmpty()) {
            Cutout c = alike.remove(rnd.nextInt(alike.size()));
            chosen.add(c);
            others.remove(c);
        }
        while (chosen.size() < k) {
            chosen.add(others.remove(rnd.nextInt(others.size())));
        }
        return chosen;
    }

    private static List<Item> items(SceneSpec spec, Cutout target, List<Cutout> distractorClasses, int n,
                                    int distractors, Random rnd) {
        int colours = spec.multicolour() ? 3 + rnd.nextInt(2) : 1;
        float base = rnd.nextFloat();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // equal shares of evenly spaced hues, so a multicoloured scene has 3 or 4 clear colour groups
            float hue = colours == 1 ? 0f : base + (float) (i % colours) / colours;
            items.add(new Item(target, true, hue));
        }
        for (int i = 0; i < distractors; i++) {
            items.add(new Item(distractorClasses.get(i % distractorClasses.size()), false, 0f));
        }
        Collections.shuffle(items, rnd);
        return items;
    }

    /** The longer side that gives the cut-out about {@code area} opaque pixels. */
    private static double nominalSide(Cutout c, double area) {
        return Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.sqrt(area * c.aspect() / c.fill())));
    }

    private static Sprite sprite(Item item, double side, double angle, CutoutLibrary cutouts, Random rnd) {
        double scale = 1 - SCALE_SPREAD + 2 * SCALE_SPREAD * rnd.nextDouble();
        float hue = item.hueShift() + (float) ((rnd.nextDouble() - 0.5) * 0.06);
        float brightness = (float) (0.85 + 0.3 * rnd.nextDouble());
        return Sprite.of(cutouts.pixels(item.cutout()), side * scale, angle, hue, brightness);
    }

    private static void placeGrid(SceneCanvas canvas, List<Item> items, CutoutLibrary cutouts, Random rnd,
                                  double looseness) throws NoRoom {
        int margin = 4;
        int cols = (int) Math.ceil(Math.sqrt(items.size() * (double) WIDTH / HEIGHT));
        int rows = (int) Math.ceil((double) items.size() / cols);
        double cellW = (WIDTH - 2.0 * margin) / cols;
        double cellH = (HEIGHT - 2.0 * margin) / rows;
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < rows * cols; i++) {
            cells.add(i);
        }
        Collections.shuffle(cells, rnd);
        // the largest scale (1.25) nearly fills a cell, so neighbours may touch
        double side = 0.78 * Math.min(cellW, cellH) * Math.sqrt(looseness);
        for (int k = 0; k < items.size(); k++) {
            Item item = items.get(k);
            double cx = margin + (cells.get(k) % cols + 0.5 + 0.1 * (rnd.nextDouble() - 0.5)) * cellW;
            double cy = margin + (cells.get(k) / cols + 0.5 + 0.1 * (rnd.nextDouble() - 0.5)) * cellH;
            double angle = (rnd.nextDouble() - 0.5) * 0.4;
            boolean done = false;
            for (double shrink = 1; shrink > 0.6 && !done; shrink *= 0.9) {
                Sprite s = sprite(item, side * shrink, angle, cutouts, rnd);
                int x = (int) Math.round(cx - (s.x0 + s.x1 + 1) / 2.0);
                int y = (int) Math.round(cy - (s.y0 + s.y1 + 1) / 2.0);
                if (s.area > 0 && canvas.inside(s, x, y) && canvas.keepsVisible(s, x, y, MIN_VISIBLE)) {
                    canvas.paste(s, x, y, item.target());
                    done = true;
                }
            }
            if (!done && item.target()) {
                throw new NoRoom();
            }
        }
    }

    /** Random spots until one keeps everything visible enough; a distractor that finds none is left out. */
    private static void placeAnywhere(SceneCanvas canvas, Item item, double side, CutoutLibrary cutouts, Random rnd)
            throws NoRoom {
        for (double shrink = 1; shrink > 0.6; shrink *= 0.9) {
            Sprite s = sprite(item, side * shrink, rnd.nextDouble() * 2 * Math.PI, cutouts, rnd);
            if (s.area == 0 || s.x1 - s.x0 >= canvas.width || s.y1 - s.y0 >= canvas.height) {
                continue;
            }
            for (int t = 0; t < TRIES_PER_OBJECT; t++) {
                int x = -s.x0 + rnd.nextInt(canvas.width - (s.x1 - s.x0));
                int y = -s.y0 + rnd.nextInt(canvas.height - (s.y1 - s.y0));
                if (canvas.keepsVisible(s, x, y, MIN_VISIBLE)) {
                    canvas.paste(s, x, y, item.target());
                    return;
                }
            }
        }
        if (item.target()) {
            throw new NoRoom();
        }
    }

    /**
     * Next to a target already placed: the sprite moves in from outside along a random direction, one pixel at a
     * time, and stops just before its opaque pixels would meet the others', so the two touch without overlapping.
     * A few targets start new clusters at free spots.
     */
    private static void placeTouching(SceneCanvas canvas, Item item, double side, CutoutLibrary cutouts, Random rnd)
            throws NoRoom {
        List<SceneCanvas.Placed> anchors = canvas.placed().stream().filter(p -> p.target).toList();
        if (!anchors.isEmpty() && rnd.nextDouble() >= NEW_CLUSTER) {
            Sprite s = sprite(item, side, rnd.nextDouble() * 2 * Math.PI, cutouts, rnd);
            double offsetX = (s.x0 + s.x1 + 1) / 2.0;
            double offsetY = (s.y0 + s.y1 + 1) / 2.0;
            for (int t = 0; t < TRIES_PER_OBJECT / 4 && s.area > 0; t++) {
                SceneCanvas.Placed anchor = anchors.get(rnd.nextInt(anchors.size()));
                double angle = rnd.nextDouble() * 2 * Math.PI;
                double far = Math.hypot(anchor.sprite.x1 - anchor.sprite.x0, anchor.sprite.y1 - anchor.sprite.y0) / 2
                        + Math.hypot(s.x1 - s.x0, s.y1 - s.y0) / 2 + 2;
                int[] spot = null;
                boolean touched = false;
                for (double d = far; d >= 0 && !touched; d -= 1) {
                    int x = (int) Math.round(anchor.centreX() + d * Math.cos(angle) - offsetX);
                    int y = (int) Math.round(anchor.centreY() + d * Math.sin(angle) - offsetY);
                    if (!canvas.inside(s, x, y)) {
                        spot = null;
                    } else if (canvas.contact(s, x, y) > 0) {
                        touched = true;
                    } else {
                        spot = new int[] {x, y};
                    }
                }
                // the last free spot before the first contact lies against its neighbour
                if (touched && spot != null) {
                    canvas.paste(s, spot[0], spot[1], true);
                    return;
                }
            }
        }
        placeAnywhere(canvas, item, side, cutouts, rnd);
    }

    private static ManifestImage entry(SceneSpec spec, Cutout target, DatasetSplit split, BackgroundPhoto photo,
                                       List<Cutout> distractorClasses, SceneCanvas canvas,
                                       List<SceneCanvas.Placed> exemplars, CutoutLibrary cutouts,
                                       BackgroundLibrary backgrounds) {
        String name = String.format(Locale.ROOT, "%s-%02d-%s-n%d", split.label(), spec.index(),
                spec.layout().label(), spec.count());
        List<String> tags = new ArrayList<>(List.of(spec.layout().label()));
        if (spec.multicolour()) {
            tags.add("multicolour");
        }
        if (spec.textured()) {
            tags.add("textured");
        }
        if (canvas.placed().stream().anyMatch(p -> p.target && !p.fullyVisible())) {
            tags.add("occluded");
        }
        List<SourceFile> sources = new ArrayList<>();
        sources.add(new SourceFile(photo.pkg(), photo.file(), backgrounds.licenceOf(photo), "background"));
        sources.add(new SourceFile(CutoutLibrary.PACKAGE, target.file(), cutouts.licenceOf(target), "target"));
        for (Cutout c : distractorClasses) {
            sources.add(new SourceFile(CutoutLibrary.PACKAGE, c.file(), cutouts.licenceOf(c), "distractor"));
        }
        return new ManifestImage(name, name + ".png", ManifestImage.COMPOSITE, spec.count(),
                exemplars.stream().map(SceneCanvas.Placed::box).toList(), tags, split.label(), target.id(), sources,
                null);
    }
}
