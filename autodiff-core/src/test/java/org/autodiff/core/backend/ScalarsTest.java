package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float32 exp, sigmoid and erf against their double-precision values rounded to float: within one ulp
 * over a sweep of float bit patterns of both signs (every 1021st, about 4 million arguments,
 * covering overflow, underflow to subnormals and zero), and exactly on the special values.
 */
class ScalarsTest {
    private static final int STRIDE = 1021;

    @Test
    void floatExpIsWithinOneUlpOfMathExp() {
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += STRIDE) {
            float x = Float.intBitsToFloat((int) bits);
            assertWithinOneUlp((float) Math.exp(x), Scalars.exp(x), "exp", x);
        }
    }

    @Test
    void floatSigmoidIsWithinOneUlpOfDoubleSigmoid() {
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += STRIDE) {
            float x = Float.intBitsToFloat((int) bits);
            assertWithinOneUlp((float) Scalars.sigmoid((double) x), Scalars.sigmoid(x), "sigmoid", x);
        }
    }

    @Test
    void floatErfIsWithinOneUlpOfDoubleErf() {
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += STRIDE) {
            float x = Float.intBitsToFloat((int) bits);
            assertWithinOneUlp((float) Scalars.erf((double) x), Scalars.erf(x), "erf", x);
        }
        assertEquals(1f, Scalars.erf(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Scalars.erf(-4f));
        assertTrue(Float.isNaN(Scalars.erf(Float.NaN)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Scalars.erf(-0f)));
    }

    @Test
    void specialValues() {
        assertEquals(Float.POSITIVE_INFINITY, Scalars.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, Scalars.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Scalars.exp(Float.NaN)));
        assertEquals(1f, Scalars.exp(0f));
        assertEquals(1f, Scalars.exp(-0f));
        assertEquals(Float.POSITIVE_INFINITY, Scalars.exp(89f));
        assertEquals(0f, Scalars.exp(-104f));
        assertEquals(Float.MIN_VALUE, Scalars.exp(-103.9f));
        assertEquals(1f, Scalars.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, Scalars.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(0.5f, Scalars.sigmoid(0f));
        assertTrue(Float.isNaN(Scalars.sigmoid(Float.NaN)));
    }

    private static void assertWithinOneUlp(float expected, float actual, String f, float x) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), f + "(" + x + ") should be NaN, was " + actual);
            return;
        }
        long ulps = Math.abs((long) Float.floatToRawIntBits(expected) - Float.floatToRawIntBits(actual));
        assertTrue(ulps <= 1, f + "(" + x + ") = " + actual + ", expected " + expected + " (" + ulps + " ulps apart)");
    }
}
