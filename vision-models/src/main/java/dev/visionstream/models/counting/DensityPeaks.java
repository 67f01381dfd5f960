package dev.visionstream.models.counting;

import dev.visionstream.schemas.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Local maxima of a density map (strict 8-neighbourhood maxima above zero), reported in image pixels. */
public final class DensityPeaks {
    private DensityPeaks() {
    }

    public static List<Point> find(DensityMap map, int maxPeaks) {
        List<int[]> cells = new ArrayList<>();
        for (int r = 0; r < map.height(); r++) {
            for (int c = 0; c < map.width(); c++) {
                float v = map.at(r, c);
                if (v > 0 && isLocalMax(map, r, c, v)) {
                    cells.add(new int[] {r, c});
                }
            }
        }
        cells.sort(Comparator.comparingDouble((int[] rc) -> -map.at(rc[0], rc[1])));
        List<Point> out = new ArrayList<>();
        for (int[] rc : cells.subList(0, Math.min(maxPeaks, cells.size()))) {
            out.add(new Point(round1(map.imageX(rc[1])), round1(map.imageY(rc[0])), map.at(rc[0], rc[1])));
        }
        return out;
    }

    /** Ties break toward the earlier cell in raster order, so a flat plateau yields one peak. */
    private static boolean isLocalMax(DensityMap map, int r, int c, float v) {
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int rr = r + dr;
                int cc = c + dc;
                if ((dr == 0 && dc == 0) || rr < 0 || cc < 0 || rr >= map.height() || cc >= map.width()) {
                    continue;
                }
                float n = map.at(rr, cc);
                boolean earlier = dr < 0 || (dr == 0 && dc < 0);
                if (n > v || (n == v && earlier)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
