package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolygonMaskTest {
    private static List<Double> p(double x, double y) {
        return List.of(x, y);
    }

    @Test
    void aPixelIsAHoleWhenItsCentreIsInside() {
        // square from (1,1) to (3,3): centres 1.5 and 2.5 on both axes are inside
        InpaintMask m = PolygonMask.rasterise(4, 4, List.of(List.of(p(1, 1), p(3, 1), p(3, 3), p(1, 3))));
        assertEquals(4, m.holeCount());
        assertTrue(m.isHole(1, 1) && m.isHole(2, 1) && m.isHole(1, 2) && m.isHole(2, 2));
    }

    @Test
    void aTriangleCoversHalfItsBoxAndZonesPastTheFrameAreClipped() {
        // lower-left triangle of a 4x4 frame: centres with y > x are inside (6 of 16); diagonal centres are not
        InpaintMask tri = PolygonMask.rasterise(4, 4, List.of(List.of(p(0, 0), p(0, 4), p(4, 4))));
        assertEquals(6, tri.holeCount());
        assertTrue(tri.isHole(0, 3) && !tri.isHole(3, 0) && !tri.isHole(1, 1));
        InpaintMask big = PolygonMask.rasterise(4, 3, List.of(List.of(p(-10, -10), p(10, -10), p(10, 10), p(-10, 10))));
        assertTrue(big.isFull());
    }

    @Test
    void overlappingZonesCountOnce() {
        List<List<Double>> a = List.of(p(0, 0), p(2, 0), p(2, 2), p(0, 2));
        List<List<Double>> b = List.of(p(1, 0), p(3, 0), p(3, 2), p(1, 2));
        assertEquals(6, PolygonMask.rasterise(4, 2, List.of(a, b)).holeCount());
    }

    @Test
    void degenerateOrNonFinitePolygonsAreRefusedWithTheirIndex() {
        InpaintInputException few = assertThrows(InpaintInputException.class,
                () -> PolygonMask.rasterise(4, 4, List.of(List.of(p(0, 0), p(1, 1)))));
        assertTrue(few.getMessage().contains("polygon 0 needs at least 3 vertices"), few.getMessage());
        InpaintInputException nan = assertThrows(InpaintInputException.class, () -> PolygonMask.rasterise(4, 4,
                List.of(List.of(p(0, 0), p(1, 0), p(1, 1)), List.of(p(0, 0), p(Double.NaN, 0), p(1, 1)))));
        assertTrue(nan.getMessage().contains("polygon 1 vertex 1"), nan.getMessage());
    }
}
