package dev.visionstream.models.counting;

import dev.visionstream.schemas.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks exemplar boxes (source pixels) and maps them onto the square feature grid: x / w * G and
 * y / h * G, start floored and end ceiled so the box grows outward. A box partly outside the image is clipped to it
 * and the clipping is reported; a box wholly outside, of zero area, or narrower than one feature cell is refused.
 */
public final class ExemplarMapping {
    public static final int MAX_EXEMPLARS = 3;

    /** The mapped boxes with what was actually used and what had to be adjusted. */
    public record Mapped(List<FeatureBox> cells, List<Box> used, List<String> warnings) {
    }

    private ExemplarMapping() {
    }

    public static Mapped map(List<Box> exemplars, int imageWidth, int imageHeight, int grid) {
        if (exemplars == null || exemplars.isEmpty()) {
            throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                    "no exemplar boxes: counting needs 1 to " + MAX_EXEMPLARS);
        }
        if (exemplars.size() > MAX_EXEMPLARS) {
            throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                    exemplars.size() + " exemplar boxes given, at most " + MAX_EXEMPLARS
                    + " are allowed");
        }
        List<FeatureBox> cells = new ArrayList<>();
        List<Box> used = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double cellW = (double) imageWidth / grid;
        double cellH = (double) imageHeight / grid;
        for (int i = 0; i < exemplars.size(); i++) {
            Box b = exemplars.get(i);
            String name = "exemplar " + (i + 1) + " " + describe(b);
            if (b == null || !Double.isFinite(b.x()) || !Double.isFinite(b.y()) || !Double.isFinite(b.width())
                    || !Double.isFinite(b.height())) {
                throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                        name + " has a missing or non-finite coordinate");
            }
            if (b.width() <= 0 || b.height() <= 0) {
                throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                        name + " has zero area (width and height must be > 0)");
            }
            double x1 = Math.max(b.x(), 0);
            double y1 = Math.max(b.y(), 0);
            double x2 = Math.min(b.x() + b.width(), imageWidth);
            double y2 = Math.min(b.y() + b.height(), imageHeight);
            if (x2 <= x1 || y2 <= y1) {
                throw new CountingInputException(CountingInputException.Subject.EXEMPLARS,
                        name + " lies outside the " + imageWidth + "x" + imageHeight
                        + " image");
            }
            Box clipped = new Box(x1, y1, x2 - x1, y2 - y1);
            if (!clipped.equals(b)) {
                warnings.add(name + " leaves the " + imageWidth + "x" + imageHeight + " image and was clipped to "
                        + describe(clipped));
            }
            if (clipped.width() < cellW || clipped.height() < cellH) {
                throw new CountingInputException(CountingInputException.Subject.EXEMPLARS, String.format(Locale.ROOT,
                        "%s is smaller than one feature cell (%.2f x %.2f px for a %dx%d image on a %d-cell grid)",
                        name, cellW, cellH, imageWidth, imageHeight, grid));
            }
            cells.add(new FeatureBox((int) Math.floor(x1 / imageWidth * grid),
                    (int) Math.floor(y1 / imageHeight * grid),
                    (int) Math.ceil(x2 / imageWidth * grid), (int) Math.ceil(y2 / imageHeight * grid)));
            used.add(clipped);
        }
        return new Mapped(List.copyOf(cells), List.copyOf(used), List.copyOf(warnings));
    }

    private static String describe(Box b) {
        return b == null ? "(null)" : String.format(java.util.Locale.ROOT, "(x=%.1f, y=%.1f, w=%.1f, h=%.1f)",
                b.x(), b.y(), b.width(), b.height());
    }
}
