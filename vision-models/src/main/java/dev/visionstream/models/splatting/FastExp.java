package dev.visionstream.models.splatting;

/**
 * {@code eˣ} in float precision for the rasteriser's inner loop (the CUDA rasteriser uses the fast {@code __expf}
 * intrinsic there too): {@code 2^(x·log₂e)} split into an integer power set in the exponent bits and a degree-7
 * polynomial for the fraction in [−½, ½]; relative error below 3e-6 over the range the rasteriser uses (the float range
 * reduction dominates).
 */
final class FastExp {
    private static final float LOG2E = 1.44269504088896341f;

    private FastExp() {
    }

    static float exp(float x) {
        if (x < -87f) {
            return 0f;
        }
        if (x > 88f) {
            return Float.POSITIVE_INFINITY;
        }
        float t = x * LOG2E;
        float fi = (float) Math.rint(t);
        float f = t - fi;
        // 2^f for f in [−0.5, 0.5]: Taylor terms of e^(f·ln2) up to degree 7
        float p = 1.5252734e-5f;
        p = p * f + 1.5403530e-4f;
        p = p * f + 1.3333558e-3f;
        p = p * f + 9.6181291e-3f;
        p = p * f + 5.5504109e-2f;
        p = p * f + 2.4022651e-1f;
        p = p * f + 6.9314718e-1f;
        p = p * f + 1f;
        return Float.intBitsToFloat(((int) fi + 127) << 23) * p;
    }
}
