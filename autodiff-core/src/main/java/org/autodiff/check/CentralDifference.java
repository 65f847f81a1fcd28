package org.autodiff.check;

import static java.util.Objects.requireNonNull;

import java.util.function.ToDoubleFunction;
import org.autodiff.core.scalar.Derivatives;
import org.autodiff.core.scalar.ScalarFunction;

/**
 * Numerical partial derivatives and gradients by central differences,
 * {@code ∂f/∂xi ≈ (f(x + h·ei) − f(x − h·ei)) / 2h}: the reference that automatic derivatives
 * are checked against.
 *
 * <p>The error has two parts: truncation, about {@code h²·|f'''|/6}, and rounding in the
 * difference of two values of f, about {@code ε·|f|/h}. The step {@code h = ∛ε·max(1, |xi|)}
 * balances them, leaving a relative error near {@code ε^(2/3) ≈ 4e-11} for a well-scaled f;
 * it grows with the step so that a large {@code xi} is still perturbed in its significant digits.
 */
public final class CentralDifference {
    /** ∛ε for doubles, about 6.1e-6: the step that balances truncation against rounding. */
    private static final double CUBE_ROOT_EPSILON = Math.cbrt(Math.ulp(1.0));

    private CentralDifference() {
    }

    /**
     * The step used for a coordinate whose value is {@code xi}.
     *
     * @param xi the coordinate's value
     * @return the step h, ∛ε·max(1, |xi|)
     */
    public static double step(double xi) {
        return CUBE_ROOT_EPSILON * Math.max(1.0, Math.abs(xi));
    }

    /**
     * ∂f/∂x_i at x by a central difference; x is not modified.
     *
     * @param f the function
     * @param x the point
     * @param i the coordinate to differentiate along
     * @return the estimate of ∂f/∂x_i
     * @throws IndexOutOfBoundsException if i is not an index of x
     */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
        requireNonNull(f, "partial: f is null");
        requireNonNull(x, "partial: x is null");
        if (i < 0 || i >= x.length) {
            throw new IndexOutOfBoundsException("partial: index " + i + " for a point of " + x.length + " coordinates");
        }
        return partial(f, x, i, step(x[i]));
    }

    /**
     * ∂f/∂x_i at x by a central difference with a given step h; x is not modified. Comparing
     * the results for h and 2h estimates the truncation error: it shrinks fourfold with h.
     *
     * @param f the function
     * @param x the point
     * @param i the coordinate to differentiate along
     * @param h the step, positive and finite
     * @return the estimate of ∂f/∂x_i
     * @throws IndexOutOfBoundsException if i is not an index of x
     * @throws IllegalArgumentException  if h is not positive and finite
     */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        requireNonNull(f, "partial: f is null");
        requireNonNull(x, "partial: x is null");
        if (i < 0 || i >= x.length) {
            throw new IndexOutOfBoundsException("partial: index " + i + " for a point of " + x.length + " coordinates");
        }
        if (!(h > 0 && h < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("partial: step h must be positive and finite, got " + h);
        }
        double[] shifted = x.clone();
        // x ± h is rounded; dividing by the difference of the rounded points, not by 2h,
        // removes that error from the quotient.
        double above = x[i] + h;
        double below = x[i] - h;
        shifted[i] = above;
        double fAbove = f.applyAsDouble(shifted);
        shifted[i] = below;
        double fBelow = f.applyAsDouble(shifted);
        return (fAbove - fBelow) / (above - below);
    }

    /**
     * The gradient of f at x, one central difference per coordinate; x is not modified.
     *
     * @param f the function
     * @param x the point
     * @return the estimated gradient, one entry per coordinate
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double... x) {
        requireNonNull(f, "gradient: f is null");
        requireNonNull(x, "gradient: x is null");
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            gradient[i] = partial(f, x, i);
        }
        return gradient;
    }

    /**
     * The gradient of a function written against {@code Num}, evaluated in plain double
     * arithmetic ({@code Real}). Named apart from {@link #gradient} because a lambda would
     * match both.
     *
     * @param f the function
     * @param x the point
     * @return the estimated gradient, one entry per coordinate
     */
    public static double[] gradientOf(ScalarFunction f, double... x) {
        requireNonNull(f, "gradientOf: f is null");
        requireNonNull(x, "gradientOf: x is null");
        ToDoubleFunction<double[]> inPlainArithmetic = point -> Derivatives.value(f, point);
        return gradient(inPlainArithmetic, x);
    }
}
