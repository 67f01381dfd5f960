package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places that may hold an object, with what a verifier needs to judge them: the local maxima of the best
 * exemplar cosine ({@link TemplateMatching}), each described relative to the exemplars of its own frame, so that
 * the description means the same in a frame of coins and in one of candies.
 */
public final class InstanceCandidates {
    /** At most this many candidates per frame, the strongest: real scenes stay below 1,100 (measured). */
    static final int MAX_CANDIDATES = 1500;
    /** Cosines below this are not even candidates (the verifier would never keep them). */
    static final float FLOOR = 0.05f;

    /** Where the features that compare a candidate with the rest of its frame start. */
    private static final int CONTEXT = 7;

    /**
     * The feature names, in the order of {@link Candidate#features()}: the best exemplar cosine, absolute, over the
     * exemplars' agreement and averaged over exemplars; the paper's density there over the exemplars' own; the share
     * of the window inside the frame; the colour distance to the nearest exemplar, absolute and over the exemplars'
     * spread; the cosine between the frame's median candidate and the exemplars, and over the best within one object
     * of it; the grey and edge patch correlations; the shape-only cosine, absolute and over the exemplars'
     * agreement; the log ratios of window energy and of edge contrast to the exemplars'; the candidate's size over
     * the exemplars' mean.
     */
    public static final List<String> FEATURES = List.of("cosine", "cosineOverExemplars", "meanCosine",
            "densityOverExemplars", "visibleShare", "colourDistance", "colourOverExemplars", "cosineOverScene",
            "cosineOverNeighbours", "greyPatch", "edgePatch", "shapeCosine", "shapeOverExemplars", "logEnergyRatio",
            "logContrastRatio", "sizeOverExemplars");

    /**
     * A candidate object.
     *
     * @param x        image x of its centre, pixels
     * @param y        image y of its centre, pixels
     * @param cosine   the best exemplar cosine there (candidates are ordered by it)
     * @param side     its estimated shorter side, pixels: that of the exemplar and scale its pixels matched best
     * @param features {@link #FEATURES}
     */
    public record Candidate(double x, double y, double cosine, double side, double[] features) {
        /** The same candidate with {@code more} features after its own. */
        public Candidate withFeatures(double[] more) {
            double[] all = Arrays.copyOf(features, features.length + more.length);
            System.arraycopy(more, 0, all, features.length, more.length);
            return new Candidate(x, y, cosine, side, all);
        }
    }

    private InstanceCandidates() {
    }

    /**
     * @param maps      the template-matching maps of the frame
     * @param density   the paper's density map of the frame
     * @param image     the frame
     * @param exemplars the exemplar boxes as used, image pixels
     * @param cells     the same boxes on the feature grid
     */
    public static List<Candidate> find(TemplateMatching.Maps maps, TemplateMatching.Maps shape, DensityMap density,
                                       BufferedImage image, List<Box> exemplars, List<FeatureBox> cells) {
        int g = maps.grid();
        int w = image.getWidth();
        int h = image.getHeight();
        Reference ref = Reference.of(maps, shape, density, image, exemplars, cells);
        PatchMatch patches = new PatchMatch(image, exemplars);
        List<int[]> peaks = new ArrayList<>();
        for (int r = 0; r < g; r++) {
            for (int c = 0; c < g; c++) {
                float v = maps.best(r, c);
                if (v >= FLOOR && isLocalMax(maps, r, c, v)) {
                    peaks.add(new int[] {r, c});
                }
            }
        }
        // strongest first (ties in raster order); a noisy frame has thousands of maxima, and each costs a patch search
        peaks.sort((p, q) -> Float.compare(maps.best(q[0], q[1]), maps.best(p[0], p[1])));
        List<Candidate> out = new ArrayList<>();
        for (int[] peak : peaks.subList(0, Math.min(MAX_CANDIDATES, peaks.size()))) {
            int r = peak[0];
            int c = peak[1];
            float v = maps.best(r, c);
            int e = maps.bestExemplar(r, c);
            Box b = exemplars.get(e);
            double x = (c + 0.5) * w / g;
            double y = (r + 0.5) * h / g;
            double mean = 0;
            for (float[] m : maps.cosine()) {
                mean += m[r * g + c];
            }
            mean /= maps.cosine().length;
            double[] colour = ref.colours().inner(x, y, b.width(), b.height());
            double nearest = Double.MAX_VALUE;
            for (double[] ec : ref.exemplarColour()) {
                nearest = Math.min(nearest, distance(colour, ec));
            }
            double dens = peakNear(density, x, y, 0.25 * b.width(), 0.25 * b.height());
            PatchMatch.Match patch = patches.best(x, y);
            // the two context features (CONTEXT, CONTEXT + 1) are filled in once all candidates are known
            out.add(new Candidate(x, y, v, patch.side(), new double[] {v, v / ref.agreement(), mean,
                dens / ref.densityPeak(), maps.visible()[e][r * g + c], nearest,
                nearest / (ref.colourSpread() + 0.05), 0, 0, patch.grey(), patch.edges(), shape.best(r, c),
                shape.best(r, c) / ref.shapeAgreement(), Math.log(maps.energy()[e][r * g + c] + 1e-6),
                Math.log(patches.contrast(x, y) + 1e-6), patch.side() / ref.side()}));
        }
        out.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
        return withContext(out, ref.agreement(), ref.side());
    }

    /**
     * Adds what a candidate is worth next to the others of its frame: its cosine between the frame's median candidate
     * (0) and the exemplars' agreement (1), and its share of the best cosine within an exemplar side of it (1 for the
     * local winner).
     */
    private static List<Candidate> withContext(List<Candidate> sorted, double crossMean, double side) {
        if (sorted.isEmpty()) {
            return sorted;
        }
        double median = sorted.get(sorted.size() / 2).cosine();
        List<Candidate> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Candidate c = sorted.get(i);
            double best = c.cosine();
            for (int j = 0; j < i; j++) {
                Candidate o = sorted.get(j);
                if (Math.abs(o.x() - c.x()) < side && Math.abs(o.y() - c.y()) < side
                        && Math.hypot(o.x() - c.x(), o.y() - c.y()) < side) {
                    best = o.cosine();
                    break;
                }
            }
            double[] f = c.features().clone();
            f[CONTEXT] = (c.cosine() - median) / Math.max(crossMean - median, 0.05);
            f[CONTEXT + 1] = c.cosine() / best;
            out.add(new Candidate(c.x(), c.y(), c.cosine(), c.side(), f));
        }
        return out;
    }

    /**
     * What the frame's exemplars set as the bar for its candidates.
     *
     * @param agreement      the exemplars' mutual cosine ({@link #exemplarAgreement}), all channels
     * @param shapeAgreement the same over the shape channels
     * @param densityPeak    the paper's density at the exemplars (mean of their peaks near the centre)
     * @param side           their mean shorter side, pixels
     * @param colours        the frame's colour means
     * @param exemplarColour each exemplar's inner mean colour
     * @param colourSpread   the largest colour distance between two exemplars
     */
    private record Reference(double agreement, double shapeAgreement, double densityPeak, double side,
                             ColourMeans colours, double[][] exemplarColour, double colourSpread) {
        static Reference of(TemplateMatching.Maps maps, TemplateMatching.Maps shape, DensityMap density,
                            BufferedImage image, List<Box> exemplars, List<FeatureBox> cells) {
            double densityPeak = 0;
            for (Box b : exemplars) {
                densityPeak += peakNear(density, b.x() + b.width() / 2, b.y() + b.height() / 2, 0.25 * b.width(),
                        0.25 * b.height());
            }
            ColourMeans colours = new ColourMeans(image);
            double[][] exemplarColour = new double[exemplars.size()][];
            for (int i = 0; i < exemplars.size(); i++) {
                Box b = exemplars.get(i);
                exemplarColour[i] = colours.inner(b.x() + b.width() / 2, b.y() + b.height() / 2, b.width(),
                        b.height());
            }
            double colourSpread = 0;
            for (int i = 0; i < exemplars.size(); i++) {
                for (int j = i + 1; j < exemplars.size(); j++) {
                    colourSpread = Math.max(colourSpread, distance(exemplarColour[i], exemplarColour[j]));
                }
            }
            return new Reference(exemplarAgreement(maps, cells), exemplarAgreement(shape, cells),
                    Math.max(densityPeak / exemplars.size(), 1e-9), meanShorterSide(exemplars), colours,
                    exemplarColour, colourSpread);
        }
    }

    /** The exemplars' mean shorter side, pixels: the scale of one object. */
    public static double meanShorterSide(List<Box> exemplars) {
        double side = 0;
        for (Box b : exemplars) {
            side += Math.min(b.width(), b.height());
        }
        return side / exemplars.size();
    }

    /**
     * How well the exemplars match each other: for each, the best cosine of the other exemplars' maps over the middle
     * half of its box, averaged; 1 with a single exemplar. A frame whose exemplars differ (rotated, recoloured)
     * needs its candidates judged against that lower bar.
     */
    static double exemplarAgreement(TemplateMatching.Maps maps, List<FeatureBox> cells) {
        if (cells.size() < 2) {
            return 1;
        }
        int g = maps.grid();
        double sum = 0;
        for (int i = 0; i < cells.size(); i++) {
            FeatureBox b = cells.get(i);
            float best = 0;
            for (int j = 0; j < cells.size(); j++) {
                if (j == i) {
                    continue;
                }
                for (int r = b.y1() + b.height() / 4; r < b.y2() - b.height() / 4; r++) {
                    for (int c = b.x1() + b.width() / 4; c < b.x2() - b.width() / 4; c++) {
                        best = Math.max(best, maps.cosine()[j][Math.min(g - 1, r) * g + Math.min(g - 1, c)]);
                    }
                }
            }
            sum += best;
        }
        return Math.max(sum / cells.size(), 0.05);
    }

    private static boolean isLocalMax(TemplateMatching.Maps maps, int r, int c, float v) {
        int g = maps.grid();
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int rr = r + dr;
                int cc = c + dc;
                if ((dr == 0 && dc == 0) || rr < 0 || cc < 0 || rr >= g || cc >= g) {
                    continue;
                }
                float n = maps.best(rr, cc);
                if (n > v || (n == v && (dr < 0 || (dr == 0 && dc < 0)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The largest density within {@code rx, ry} image pixels of {@code (x, y)}; 0 where the map does not reach. */
    private static double peakNear(DensityMap map, double x, double y, double rx, double ry) {
        int r0 = Math.max(0, (int) Math.ceil(map.row(y - ry)));
        int r1 = Math.min(map.height() - 1, (int) Math.floor(map.row(y + ry)));
        int c0 = Math.max(0, (int) Math.ceil(map.column(x - rx)));
        int c1 = Math.min(map.width() - 1, (int) Math.floor(map.column(x + rx)));
        double peak = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                peak = Math.max(peak, map.at(r, c));
            }
        }
        return peak;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
