package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visionstream.models.Attempt;
import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Point;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CountingDINO: tiles -> backbone -> stitched feature grid; each exemplar box pooled (ROI-Align,
 * ellipse-weighted) into a kernel correlated with the grid; the maps averaged and min-max scaled into S; S divided
 * by the mean exemplar mass z; values below 1 / (largest kernel area) zeroed; the density count is the sum, the
 * instance count the density peaks kept by {@link InstanceEstimate}; the request picks which one is the count.
 *
 * <p>Frames of one size in a batch share one backbone pass; everything after runs per frame, and a frame's failure
 * stays with it. All native memory of a call lives in sub-managers closed before it returns.
 */
public final class CountingDino implements Counter, AutoCloseable {
    /** Official tiling: split twice, 16 tiles. */
    public static final int OFFICIAL_TILING_LEVELS = 2;
    /** Tiles thinner than this many pixels carry no usable content. */
    public static final int MIN_TILE_PIXELS = 8;
    static final int MAX_PEAKS = 1000;

    private final FeatureBackbone backbone;
    private final TileGrid tiling;
    private final NDManager root;
    private final InstanceEstimate instanceEstimate;
    private final VerifiedInstances verifier;
    private final DetectorFeatures detector;

    public CountingDino(FeatureBackbone backbone) {
        this(backbone, new TileGrid(OFFICIAL_TILING_LEVELS));
    }

    /** The official tiling with {@code verifier} instead of the built-in one. */
    public CountingDino(FeatureBackbone backbone, VerifiedInstances verifier) {
        this(backbone, new TileGrid(OFFICIAL_TILING_LEVELS), InstanceEstimate.DEFAULT, verifier);
    }

    public CountingDino(FeatureBackbone backbone, TileGrid tiling) {
        this(backbone, tiling, InstanceEstimate.DEFAULT);
    }

    public CountingDino(FeatureBackbone backbone, TileGrid tiling, InstanceEstimate instanceEstimate) {
        this(backbone, tiling, instanceEstimate, VerifiedInstances.builtIn());
    }

    /** @param verifier the instance verifier, or null for none (what {@code train-verifier} starts from) */
    public CountingDino(FeatureBackbone backbone, TileGrid tiling, InstanceEstimate instanceEstimate,
                        VerifiedInstances verifier) {
        this(backbone, tiling, instanceEstimate, verifier, null);
    }

    /** The official tiling with {@code verifier}, whose candidates carry {@code detector}'s features too. */
    public CountingDino(FeatureBackbone backbone, VerifiedInstances verifier, DetectorFeatures detector) {
        this(backbone, new TileGrid(OFFICIAL_TILING_LEVELS), InstanceEstimate.DEFAULT, verifier, detector);
    }

    /**
     * @param detector the detector whose features the candidates carry after their own, or null; this counter
     *                 closes it. It must be given exactly when the verifier uses those features
     *                 ({@link #checkDetector}).
     */
    public CountingDino(FeatureBackbone backbone, TileGrid tiling, InstanceEstimate instanceEstimate,
                        VerifiedInstances verifier, DetectorFeatures detector) {
        checkDetector(verifier, detector != null);
        this.backbone = backbone;
        this.tiling = tiling;
        this.instanceEstimate = instanceEstimate;
        this.verifier = verifier;
        this.detector = detector;
        this.root = NDManager.newBaseManager(backbone.device(), "PyTorch");
    }

    /**
     * A counter with the official tiling, loaded in the order that leaks nothing when a setting is bad: the
     * verifier's pairing with the detector is checked first, then the detector and the backbone are loaded, and the
     * detector is closed again if the backbone fails.
     *
     * @param detector loads the detector whose features the verifier judges too, or null for none
     */
    public static CountingDino open(Supplier<FeatureBackbone> backbone, VerifiedInstances verifier,
                                    Supplier<DetectorFeatures> detector) {
        checkDetector(verifier, detector != null);
        DetectorFeatures features = detector == null ? null : detector.get();
        try {
            return new CountingDino(backbone.get(), verifier, features);
        } catch (RuntimeException e) {
            if (features != null) {
                features.close();
            }
            throw e;
        }
    }

    /**
     * Whether a verifier and the presence of a detector go together; checked before anything is loaded.
     *
     * @throws IllegalArgumentException saying which is missing
     */
    public static void checkDetector(VerifiedInstances verifier, boolean detector) {
        if (verifier == null || verifier.usesDetector() == detector) {
            return;
        }
        throw new IllegalArgumentException(detector
                ? "the instance verifier was trained without the detector's features; give a verifier trained "
                + "with them (train-verifier --detector), or leave the detector out"
                : "the instance verifier judges the detector's features too; give the detector "
                + "(scripts/fetch-counting-detector.sh fetches it)");
    }

    public FeatureBackbone backbone() {
        return backbone;
    }

    /** Side G of the stitched feature grid. */
    public int gridSize() {
        return backbone.gridSize() * tiling.tilesPerSide();
    }

    /**
     * Checks each frame and maps its exemplar boxes; the frames that pass share one backbone pass per frame size,
     * then are counted one by one. A frame's own failure (its image, its boxes, its density) stays with it; when a
     * shared backbone pass fails, its frames run again one at a time, so that each failure stays with its frame.
     */
    @Override
    public List<Attempt<CountResult>> countAll(List<CountRequest> requests) {
        int grid = gridSize();
        List<Attempt<CountResult>> attempts = new ArrayList<>(Collections.nCopies(requests.size(), null));
        List<ExemplarMapping.Mapped> mapped = new ArrayList<>(Collections.nCopies(requests.size(), null));
        Map<Long, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            BufferedImage image = requests.get(i).image();
            try {
                checkImage(image);
                mapped.set(i, ExemplarMapping.map(requests.get(i).exemplars(), image.getWidth(), image.getHeight(),
                        grid));
            } catch (RuntimeException e) {
                attempts.set(i, Attempt.failed(e));
                continue;
            }
            bySize.computeIfAbsent(((long) image.getWidth() << 32) | image.getHeight(), k -> new ArrayList<>()).add(i);
        }
        try (NDManager call = root.newSubManager()) {
            for (List<Integer> group : bySize.values()) {
                countGroup(call, requests, mapped, group, attempts);
            }
        }
        return List.copyOf(attempts);
    }

    private void checkImage(BufferedImage image) {
        if (image == null) {
            throw new CountingInputException(CountingInputException.Subject.IMAGE, "no image");
        }
        int min = tiling.tilesPerSide() * MIN_TILE_PIXELS;
        if (image.getWidth() < min || image.getHeight() < min) {
            throw new CountingInputException(CountingInputException.Subject.IMAGE,
                    "image " + image.getWidth() + "x" + image.getHeight()
                    + " is smaller than the " + tiling.tilesPerSide() + "x" + tiling.tilesPerSide()
                    + " tiling allows (at least " + min + "x" + min + " px, tiles of " + MIN_TILE_PIXELS + " px)");
        }
    }

    private void countGroup(NDManager call, List<CountRequest> requests, List<ExemplarMapping.Mapped> mapped,
                            List<Integer> group, List<Attempt<CountResult>> attempts) {
        long start = System.nanoTime();
        NDArray stitched;
        try {
            stitched = stitchedFeatures(call, group.stream().map(i -> requests.get(i).image()).toList());
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                attempts.set(group.get(0), Attempt.failed(e));
            } else {
                group.forEach(i -> countGroup(call, requests, mapped, List.of(i), attempts));
            }
            return;
        }
        double backboneMs = (System.nanoTime() - start) / 1e6 / group.size();
        for (int k = 0; k < group.size(); k++) {
            int index = group.get(k);
            try (NDManager frame = call.newSubManager()) {
                NDArray f = stitched.get(k);
                f.attach(frame);
                attempts.set(index, Attempt.of(countFrame(f, requests.get(index).image(), mapped.get(index),
                        requests.get(index).estimator(), backboneMs)));
            } catch (RuntimeException e) {
                attempts.set(index, Attempt.failed(e));
            }
        }
    }

    /**
     * One backbone pass over frames of one size: {@code [frames, D, G, G]}, owned by {@code call}; the pass's own
     * arrays are freed before it returns.
     */
    private NDArray stitchedFeatures(NDManager call, List<BufferedImage> images) {
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int plane = 3 * w * h;
        try (NDManager pass = call.newSubManager()) {
            float[] pixels = new float[images.size() * plane];
            for (int k = 0; k < images.size(); k++) {
                System.arraycopy(ImageTensors.planarRgb(images.get(k)), 0, pixels, k * plane, plane);
            }
            NDArray frames = pass.create(pixels, new Shape(images.size(), 3, h, w));
            NDArray tiles = TileSampler.tiles(frames, tiling, backbone.tileSize());
            NDArray features = backbone.features(tiles);
            checkFeatures(features, images.size() * tiling.tilesPerImage());
            NDArray stitched = tiling.stitch(features, images.size());
            stitched.attach(call);
            return stitched;
        }
    }

    private void checkFeatures(NDArray features, int tiles) {
        Shape expected = new Shape(tiles, backbone.channels(), backbone.gridSize(), backbone.gridSize());
        if (!features.getShape().equals(expected)) {
            throw new BackboneContractException("backbone " + backbone.info().name() + " returned "
                    + features.getShape() + " for " + tiles + " tiles, expected " + expected);
        }
    }

    private CountResult countFrame(NDArray features, BufferedImage image, ExemplarMapping.Mapped exemplars,
                                   CountEstimator estimator, double backboneMs) {
        long t0 = System.nanoTime();
        Density d = density(features, exemplars, image.getWidth(), image.getHeight());
        DensityMap map = d.map();
        double count = map.sum();
        List<Point> peaks = DensityPeaks.find(map, MAX_PEAKS);
        List<Point> instances = instanceEstimate.instances(map, peaks, exemplars.used());
        List<String> warnings = new ArrayList<>(exemplars.warnings());
        List<Point> verified = null;
        if (verifier != null && verifier.fits(backbone)) {
            verified = verifier.instances(candidates(features, image, exemplars, map));
        } else if (estimator == CountEstimator.VERIFIED) {
            warnings.add((verifier == null ? "no instance verifier is loaded" : "the instance verifier was trained on "
                    + verifier.backbone() + " features, not " + VerifiedInstances.backboneLabel(backbone.info()))
                    + "; counted by instances instead");
            estimator = CountEstimator.INSTANCES;
        }
        long t2 = System.nanoTime();
        double chosen = switch (estimator) {
            case VERIFIED -> verified.size();
            case INSTANCES -> instances.size();
            case DENSITY -> count;
        };
        return new CountResult(chosen, estimator, count, instances, verified, exemplars.used(), warnings,
                backbone.info(), peaks,
                new CountTimings(backboneMs, d.similarityNanos() / 1e6, (t2 - t0 - d.similarityNanos()) / 1e6), map);
    }

    /** The paper's density of one frame, and how long its similarity step took (for the timings). */
    private record Density(DensityMap map, long similarityNanos) {
    }

    private static Density density(NDArray features, ExemplarMapping.Mapped exemplars, int w, int h) {
        int grid = (int) features.getShape().get(1);
        List<FeatureBox> boxes = exemplars.cells();
        long t0 = System.nanoTime();
        SimilarityMaps.Similarity s = SimilarityMaps.compute(features, boxes);
        s.map().getFloat(0, 0); // the engine may defer work; touch the result so the timing is honest
        long t1 = System.nanoTime();
        List<FeatureBox> scaled = new ArrayList<>();
        for (FeatureBox b : boxes) {
            scaled.add(DensityNormalisation.scaledBox(b, grid, s.height(), s.width()));
        }
        float z = DensityNormalisation.exemplarMass(s.map(), scaled);
        if (!(z > 0) || !Float.isFinite(z)) {
            throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                    "the exemplar boxes hold no similarity mass (z = " + z
                    + "): they sit where the similarity map is lowest");
        }
        float tau = DensityNormalisation.threshold(boxes);
        NDArray density = DensityNormalisation.density(s.map(), z, tau);
        return new Density(densityMap(density.toFloatArray(), s, w, h, grid, boxes), t1 - t0);
    }

    /** The verifier's candidates: template matching on all channels and on the shape channels alone. */
    private List<InstanceCandidates.Candidate> candidates(NDArray features, BufferedImage image,
                                                          ExemplarMapping.Mapped exemplars, DensityMap map) {
        TemplateMatching.Pair maps = TemplateMatching.compute(features, exemplars.cells(), backbone.shapeChannels());
        List<InstanceCandidates.Candidate> found = InstanceCandidates.find(maps.all(), maps.shape(), map, image,
                exemplars.used(), exemplars.cells());
        if (detector == null) {
            return found;
        }
        double[][] more = detector.describe(image, exemplars.used(), found);
        List<InstanceCandidates.Candidate> out = new ArrayList<>(found.size());
        for (int i = 0; i < more.length; i++) {
            out.add(found.get(i).withFeatures(more[i]));
        }
        return out;
    }

    /**
     * The verifier's candidates for one image and its exemplar boxes, as the count computes them: what
     * {@code vision count train-verifier} learns from.
     */
    public List<InstanceCandidates.Candidate> candidates(BufferedImage image, List<Box> boxes) {
        checkImage(image);
        ExemplarMapping.Mapped mapped = ExemplarMapping.map(boxes, image.getWidth(), image.getHeight(), gridSize());
        try (NDManager call = root.newSubManager()) {
            NDArray features = stitchedFeatures(call, List.of(image)).get(0);
            DensityMap map = density(features, mapped, image.getWidth(), image.getHeight()).map();
            return candidates(features, image, mapped, map);
        }
    }

    private static DensityMap densityMap(float[] values, SimilarityMaps.Similarity s, int w, int h, int grid,
                                         List<FeatureBox> boxes) {
        double rowStretch = 0;
        double rowOffset = 0;
        double colStretch = 0;
        double colOffset = 0;
        for (FeatureBox b : boxes) {
            rowStretch += (double) (grid - b.height() + 1) / s.height();
            colStretch += (double) (grid - b.width() + 1) / s.width();
            rowOffset += b.height() / 2.0 - 0.5;
            colOffset += b.width() / 2.0 - 0.5;
        }
        int n = boxes.size();
        return new DensityMap(values, s.height(), s.width(), w, h, grid, rowStretch / n, rowOffset / n,
                colStretch / n, colOffset / n);
    }

    @Override
    public void close() {
        root.close();
        if (detector != null) {
            detector.close();
        }
    }
}
