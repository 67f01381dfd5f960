package dev.visionstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LatencyReservoirTest {

    @Test
    void keepsOnlyTheMostRecentValues() {
        LatencyReservoir reservoir = new LatencyReservoir(3);
        for (long millis = 1; millis <= 5; millis++) {
            reservoir.add(millis * 100);
        }
        LatencyQuantiles q = reservoir.quantiles();
        assertEquals(3, q.samples());
        assertEquals(400.0, q.p50Millis());   // of 300, 400, 500
        assertEquals(500.0, q.p99Millis());
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencyReservoir reservoir = new LatencyReservoir(10);
        reservoir.add(7);
        assertEquals(new LatencyQuantiles(1, 7, 7, 7), reservoir.quantiles());
    }

    @Test
    void emptyReservoirHasNoQuantiles() {
        assertSame(LatencyQuantiles.NONE, new LatencyReservoir(10).quantiles());
    }
}
