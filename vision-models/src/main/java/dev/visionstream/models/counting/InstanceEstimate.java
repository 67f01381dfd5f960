package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Counting by instances instead of by mass: the density's local maxima that reach a share of the exemplars' own
 * peaks, kept greedily strongest first with at most one per exemplar-sized neighbourhood (non-maximum suppression
 * at a share of the exemplars' mean shorter side). Where the features put an object's unit of mass in a narrow
 * peak and clutter adds mass between objects, the peaks still count each object once.
 *
 * @param relativeThreshold a peak counts when it reaches this share of the mean exemplar peak
 * @param suppression       peaks closer than this share of the exemplars' mean shorter side are one object
 */
public record InstanceEstimate(double relativeThreshold, double suppression) {
    /** Chosen on training-class composites (docs/stages/counting.md): 0.3 keeps coins and smarties within 2. */
    public static final InstanceEstimate DEFAULT = new InstanceEstimate(0.3, 1.0);

    public InstanceEstimate {
        if (!(relativeThreshold > 0 && relativeThreshold <= 1) || !(suppression > 0)) {
            throw new IllegalArgumentException("relative threshold must be in (0, 1] and suppression positive, got "
                    + relativeThreshold + ", " + suppression);
        }
    }

    /** The kept peaks, strongest first, in image pixels; {@code peaks} are the map's local maxima, strongest first. */
    public List<Point> instances(DensityMap map, List<Point> peaks, List<Box> exemplars) {
        double reference = 0;
        double side = 0;
        for (Box b : exemplars) {
            reference += peakInside(map, b);
            side += Math.min(b.width(), b.height());
        }
        reference /= exemplars.size();
        double radius = suppression * side / exemplars.size();
        double threshold = relativeThreshold * reference;
        List<Point> kept = new ArrayList<>();
        for (Point p : peaks) {
            if (p.value() < threshold || !(p.value() > 0)) {
                break;
            }
            boolean separate = true;
            for (Point k : kept) {
                if (Math.hypot(p.x() - k.x(), p.y() - k.y()) < radius) {
                    separate = false;
                    break;
                }
            }
            if (separate) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** The largest density among the map cells whose centres fall inside {@code box}. */
    private static double peakInside(DensityMap map, Box box) {
        int r0 = Math.max(0, (int) Math.ceil(map.row(box.y())));
        int r1 = Math.min(map.height() - 1, (int) Math.floor(map.row(box.y() + box.height())));
        int c0 = Math.max(0, (int) Math.ceil(map.column(box.x())));
        int c1 = Math.min(map.width() - 1, (int) Math.floor(map.column(box.x() + box.width())));
        double peak = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                peak = Math.max(peak, map.at(r, c));
            }
        }
        return peak;
    }
}
