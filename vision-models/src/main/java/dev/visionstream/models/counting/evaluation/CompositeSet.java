package dev.visionstream.models.counting.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Writes a set of composite scenes (PNG) and their manifest ({@code manifest.json}, written last) for one split.
 * Each scene counts a different target class while the split has unused ones, colourful ones for multicoloured
 * scenes.
 */
public final class CompositeSet {
    public static final String MANIFEST = "manifest.json";

    private CompositeSet() {
    }

    /**
     * @param command  the command line that makes this set, recorded in the manifest
     * @param progress told about each scene as it is written
     */
    public static CountingManifest make(CutoutLibrary cutouts, BackgroundLibrary backgrounds, DatasetSplit split,
                                        List<SceneSpec> specs, long seed, Path out, String command,
                                        Consumer<String> progress) throws IOException {
        if (backgrounds.of(split).isEmpty()) {
            throw new ManifestException("no background photographs in the " + split.label() + " split");
        }
        List<Cutout> order = targetOrder(cutouts, split, seed);
        Files.createDirectories(out);
        List<ManifestImage> images = new ArrayList<>();
        Set<Cutout> used = new HashSet<>();
        for (SceneSpec spec : specs) {
            Cutout target = nextTarget(order, used, spec.multicolour(), split);
            CompositeScene scene = CompositeScene.generate(spec, target, split, cutouts, backgrounds);
            ImageIO.write(scene.image(), "png", out.resolve(scene.entry().path()).toFile());
            images.add(scene.entry());
            progress.accept(scene.entry().name() + ": " + scene.entry().count() + " x " + target.id() + " "
                    + scene.entry().tags());
        }
        CountingManifest manifest = new CountingManifest(CountingManifest.FORMAT, "Composite counting scenes ("
                + CompositeScene.WIDTH + "x" + CompositeScene.HEIGHT + ") of the " + split.label() + " split: "
                + "tuxpaint-stamps-default cut-outs on crops of wallpaper photographs; the count is exact, every "
                + "counted object at least " + Math.round(100 * CompositeScene.MIN_VISIBLE) + " % visible.",
                ".", List.of("scripts/fetch-counting-eval-data.sh", command), images);
        manifest.write(out.resolve(MANIFEST));
        return manifest;
    }

    /**
     * The split's target-like classes in an order drawn from the seed that takes turns between categories (fruit,
     * coins, flowers, ...) and, inside each, between groups, so that consecutive scenes count different things.
     */
    static List<Cutout> targetOrder(CutoutLibrary cutouts, DatasetSplit split, long seed) {
        List<Cutout> shuffled = new ArrayList<>(cutouts.of(split).stream().filter(Cutout::targetLike).toList());
        Collections.shuffle(shuffled, new Random(seed));
        return takingTurns(takingTurns(shuffled, Cutout::group), Cutout::category);
    }

    /** The first of every key's items (keys in order of first appearance), then the second of each, and so on. */
    private static List<Cutout> takingTurns(List<Cutout> items, Function<Cutout, String> key) {
        Map<String, List<Cutout>> byKey = new LinkedHashMap<>();
        for (Cutout c : items) {
            byKey.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        List<Cutout> out = new ArrayList<>();
        for (int turn = 0; out.size() < items.size(); turn++) {
            for (List<Cutout> same : byKey.values()) {
                if (turn < same.size()) {
                    out.add(same.get(turn));
                }
            }
        }
        return out;
    }

    /** The first class in {@code order} not used yet (colourful when asked); all of them again once used up. */
    private static Cutout nextTarget(List<Cutout> order, Set<Cutout> used, boolean colourful, DatasetSplit split) {
        for (int pass = 0; pass < 2; pass++) {
            for (Cutout c : order) {
                if ((!colourful || c.colourful()) && used.add(c)) {
                    return c;
                }
            }
            used.removeIf(c -> !colourful || c.colourful());
        }
        throw new ManifestException("the " + split.label() + " split has no target-like" + (colourful ? ", colourful"
                : "") + " cut-out class to count");
    }
}
