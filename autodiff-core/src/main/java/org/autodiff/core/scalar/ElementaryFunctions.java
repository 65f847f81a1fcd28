package org.autodiff.core.scalar;

import org.autodiff.core.backend.Scalars;

/**
 * The values and derivatives that need more care than a one-line formula: textbook formulas
 * that overflow, and PyTorch's conventions at singular points. {@link Scalar}, {@link Dual}
 * and {@link Real} all call these, so the three modes compute the very same numbers.
 */
final class ElementaryFunctions {
    private ElementaryFunctions() {
    }

    /** {@code 1 / (1 + e^−x)}, without overflow for large |x|. */
    static double sigmoid(double x) {
        return Scalars.sigmoid(x);
    }

    /** {@code log(1 + e^x)}, PyTorch's softplus (beta 1, threshold 20). */
    static double softplus(double x) {
        return Scalars.softplus(x);
    }

    /** The derivative of {@link #softplus}: the sigmoid below the threshold, exactly 1 above. */
    static double softplusDerivative(double x) {
        return x > Scalars.SOFTPLUS_THRESHOLD ? 1.0 : sigmoid(x);
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
