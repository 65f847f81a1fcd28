package org.autodiff.core.scalar;

/**
 * The values and derivatives that need more care than a one-line formula: textbook formulas
 * that overflow, and PyTorch's conventions at singular points. {@link Scalar}, {@link Dual}
 * and {@link Real} all call these, so the three modes compute the very same numbers.
 */
final class ElementaryFunctions {
    /** Above this, softplus returns its argument, as PyTorch's default threshold does. */
    static final double SOFTPLUS_THRESHOLD = 20.0;

    private ElementaryFunctions() {
    }

    /** {@code 1 / (1 + e^−x)}; e^−x would overflow for very negative x, so use e^x there. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** {@code log(1 + e^x)}; log1p keeps precision for very negative x, the threshold avoids overflow. */
    static double softplus(double x) {
        return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
    }

    /** The derivative of {@link #softplus}: the sigmoid below the threshold, exactly 1 above. */
    static double softplusDerivative(double x) {
        return x > SOFTPLUS_THRESHOLD ? 1.0 : sigmoid(x);
    }

    /** {@code sign(x)}, which is 0 at ±0 (PyTorch's subgradient of |x| there) and NaN at NaN. */
    static double sign(double x) {
        return x == 0 ? 0.0 : Math.signum(x);
    }

    /** {@code d/dx x^c = c·x^(c−1)}; PyTorch makes it 0 when c = 0, even at x = 0 where x^(−1) is infinite. */
    static double powerRuleDerivative(double x, double c) {
        return c == 0 ? 0.0 : c * Math.pow(x, c - 1);
    }

    /** {@code d/dy x^y = x^y·ln x}; 0 where x = 0 and y ≥ 0, as PyTorch, instead of 0·(−∞) = NaN. */
    static double exponentDerivative(double x, double y, double xToTheY) {
        return x == 0 && y >= 0 ? 0.0 : xToTheY * Math.log(x);
    }
}
