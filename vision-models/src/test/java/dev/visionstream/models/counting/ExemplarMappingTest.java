package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExemplarMappingTest {
    @Test
    void startIsFlooredAndEndCeiledOnTheGrid() {
        // x: 10/100*240 = 24, 40/100*240 = 96; y: 21/200*240 = 25.2 -> 25, 61/200*240 = 73.2 -> 74
        var m = ExemplarMapping.map(List.of(new Box(10, 21, 30, 40)), 100, 200, 240);
        assertEquals(List.of(new FeatureBox(24, 25, 96, 74)), m.cells());
        assertEquals(49, m.cells().get(0).height());
        assertTrue(m.warnings().isEmpty());
    }

    @Test
    void boxPartlyOutsideIsClippedAndReported() {
        var m = ExemplarMapping.map(List.of(new Box(-10, 90, 30, 30)), 100, 100, 240);
        assertEquals(new Box(0, 90, 20, 10), m.used().get(0));
        assertEquals(1, m.warnings().size());
        assertTrue(m.warnings().get(0).contains("clipped"), m.warnings().get(0));
    }

    @Test
    void badBoxesAreRefusedWithTheReason() {
        assertMessage("zero area", List.of(new Box(10, 10, 0, 5)));
        assertMessage("outside", List.of(new Box(200, 10, 5, 5)));
        assertMessage("smaller than one feature cell", List.of(new Box(10, 10, 0.2, 5)));
        assertMessage("at most 3", List.of(new Box(1, 1, 5, 5), new Box(1, 1, 5, 5), new Box(1, 1, 5, 5),
                new Box(1, 1, 5, 5)));
        assertMessage("no exemplar", List.of());
    }

    private static void assertMessage(String fragment, List<Box> boxes) {
        CountingInputException e = assertThrows(CountingInputException.class,
                () -> ExemplarMapping.map(boxes, 100, 100, 240));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
