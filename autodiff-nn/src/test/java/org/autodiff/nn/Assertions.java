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

    /**
     * Checks the gradient of the scalar function {@code f} at {@code x} (float64) against central
     * differences (f(x + h) − f(x − h)) / 2h, element by element.
     */
    public static void assertGradientMatchesCentralDifferences(java.util.function.Function<Tensor, Tensor> f, Tensor x,
            double tolerance) {
        Tensor leaf = x.detach().copy().requiresGrad(true);
        f.apply(leaf).backward();
        double[] analytic = leaf.grad().toDoubleArray();
        double[] v = x.toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < v.length; i++) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f.apply(Tensor.of(plus, x.shape().dims())).item()
                    - f.apply(Tensor.of(minus, x.shape().dims())).item()) / (2 * h);
            assertClose(numeric, analytic[i], tolerance, tolerance, "gradient[" + i + "]");
        }
    }
}
