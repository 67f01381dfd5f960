package dev.visionstream.models.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatTest {
    @Test
    void decodesNormalSubnormalAndSpecialValues() {
        assertEquals(1.0f, HalfFloat.toFloat((short) 0x3c00));
        assertEquals(-2.0f, HalfFloat.toFloat((short) 0xc000));
        assertEquals(65504f, HalfFloat.toFloat((short) 0x7bff));
        assertEquals(0.333251953125f, HalfFloat.toFloat((short) 0x3555));
        assertEquals(0x1p-24f, HalfFloat.toFloat((short) 0x0001));
        assertEquals(-0x1p-14f, HalfFloat.toFloat((short) 0x8400));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat((short) 0x7c00));
        assertTrue(Float.isNaN(HalfFloat.toFloat((short) 0x7e00)));
        assertEquals(0f, HalfFloat.toFloat((short) 0));
    }
}
