package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.autodiff.core.Tensor;

/** Closeness checks used across the nn tests: relative tolerance, or absolute near zero. */
public final class Assertions {
    private Assertions() {
    }

    /** |actual − expected| ≤ rel·|expected| or ≤ abs. */
    public static void assertClose(double expected, double actual, double rel, double abs, String what) {
        double err = Math.abs(actual - expected);
        if (!(err <= rel * Math.abs(expected) || err <= abs)) {
            fail(what + ": expected " + expected + " but got " + actual + " (error " + err + ")");
        }
    }

    /** Elementwise {@link #assertClose(double, double, double, double, String)}. */
    public static void assertClose(double[] expected, double[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], rel, abs, what + "[" + i + "]");
        }
    }

    /** The golden-file tolerance: 1e-9 relative, 1e-12 absolute near zero. */
    public static void assertGolden(double[] expected, Tensor actual, String what) {
        assertClose(expected, actual.toDoubleArray(), 1e-9, 1e-12, what);
    }
}
