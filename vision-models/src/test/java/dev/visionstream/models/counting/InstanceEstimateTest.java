package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceEstimateTest {
    /** A 10 × 10 map over a 100 × 100 image: cell (r, c) has its centre at pixel (10 c + 5, 10 r + 5). */
    private static DensityMap map(float[][] cells) {
        float[] values = new float[100];
        for (float[] cell : cells) {
            values[(int) cell[0] * 10 + (int) cell[1]] = cell[2];
        }
        return new DensityMap(values, 10, 10, 100, 100, 10, 1, 0, 1, 0);
    }

    @Test
    void keepsPeaksAboveAShareOfTheExemplarPeakOncePerExemplarSizedNeighbourhood() {
        DensityMap map = map(new float[][] {{2, 2, 1.0f}, {2, 4, 0.8f}, {7, 7, 0.5f}, {5, 8, 0.2f}, {8, 1, 0.35f}});
        List<Box> exemplar = List.of(new Box(10, 10, 30, 30));
        List<Point> peaks = DensityPeaks.find(map, 100);
        assertEquals(5, peaks.size());
        // radius 0.8 × 30 = 24 px: the peak 20 px from the exemplar's is the same object; 0.2 is below 0.3 × 1.0
        List<Point> kept = new InstanceEstimate(0.3, 0.8).instances(map, peaks, exemplar);
        assertEquals(List.of(new Point(25, 25, 1.0), new Point(75, 75, 0.5), new Point(15, 85, 0.35)),
                kept.stream().map(p -> new Point(p.x(), p.y(), Math.round(p.value() * 100) / 100.0)).toList());
        // a threshold of 0.4 of the exemplar's peak drops 0.35 as well; a small radius keeps both near peaks
        assertEquals(2, new InstanceEstimate(0.4, 0.8).instances(map, peaks, exemplar).size());
        assertEquals(4, new InstanceEstimate(0.3, 0.5).instances(map, peaks, exemplar).size());
    }

    @Test
    void theReferenceIsTheMeanOfTheExemplarsOwnPeaks() {
        DensityMap map = map(new float[][] {{1, 1, 1.0f}, {5, 5, 0.5f}, {8, 8, 0.26f}});
        List<Point> peaks = DensityPeaks.find(map, 100);
        // exemplars on the 1.0 and the 0.5 peaks: reference 0.75, threshold 0.5 × 0.75 = 0.375
        List<Box> exemplars = List.of(new Box(5, 5, 20, 20), new Box(45, 45, 20, 20));
        assertEquals(2, new InstanceEstimate(0.5, 0.6).instances(map, peaks, exemplars).size());
        assertEquals(3, new InstanceEstimate(0.3, 0.6).instances(map, peaks, exemplars).size());
    }

    @Test
    void refusesThresholdsOutsideTheUnitIntervalAndNonPositiveRadii() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceEstimate(0, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new InstanceEstimate(1.5, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new InstanceEstimate(0.3, 0));
    }
}
