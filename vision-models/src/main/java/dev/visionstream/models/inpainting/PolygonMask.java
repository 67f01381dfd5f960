package dev.visionstream.models.inpainting;

import java.awt.geom.Path2D;
import java.util.List;

/**
 * Drawn zones as a mask: a pixel is a hole when its centre lies inside any polygon (non-zero winding, so
 * self-overlapping outlines stay filled). Vertices are source-frame pixels; zones reaching past the frame are clipped.
 */
public final class PolygonMask {
    private PolygonMask() {
    }

    /**
     * @throws InpaintInputException for a polygon with fewer than three vertices or a vertex that is not a finite
     *                               [x, y]
     */
    public static InpaintMask rasterise(int width, int height, List<List<List<Double>>> polygons) {
        Path2D.Double zones = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (int p = 0; p < polygons.size(); p++) {
            List<List<Double>> polygon = polygons.get(p);
            if (polygon == null || polygon.size() < 3) {
                throw new InpaintInputException("inpainting polygon " + p + " needs at least 3 vertices, has "
                        + (polygon == null ? 0 : polygon.size()));
            }
            for (int v = 0; v < polygon.size(); v++) {
                List<Double> vertex = polygon.get(v);
                if (vertex == null || vertex.size() != 2 || vertex.get(0) == null || vertex.get(1) == null
                        || !Double.isFinite(vertex.get(0)) || !Double.isFinite(vertex.get(1))) {
                    throw new InpaintInputException("inpainting polygon " + p + " vertex " + v
                            + " is not a finite [x, y] pair: " + vertex);
                }
                if (v == 0) {
                    zones.moveTo(vertex.get(0), vertex.get(1));
                } else {
                    zones.lineTo(vertex.get(0), vertex.get(1));
                }
            }
            zones.closePath();
        }
        boolean[] holes = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                holes[y * width + x] = zones.contains(x + 0.5, y + 0.5);
            }
        }
        return new InpaintMask(width, height, holes);
    }
}
