package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FastExpTest {
    @Test
    void matchesMathExpToFloatPrecisionOverTheRasterisersRange() {
        double worst = 0;
        for (float x = -30f; x <= 0f; x += 0.0007f) {
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(FastExp.exp(x) - exact) / exact);
        }
        assertEquals(0, worst, 3e-6);
        assertEquals(1f, FastExp.exp(0f), 0);
        assertEquals(0f, FastExp.exp(-200f), 0);
    }
}
