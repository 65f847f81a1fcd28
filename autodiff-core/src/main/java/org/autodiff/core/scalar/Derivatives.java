package org.autodiff.core.scalar;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The gradient of a {@link ScalarFunction} at a point, by either mode of automatic
 * differentiation, and its plain value.
 *
 * <p>Reverse mode costs one evaluation and one backward pass whatever the number of inputs;
 * forward mode costs one evaluation per input. Both give the same numbers up to rounding, as
 * they use the same local derivatives.
 */
public final class Derivatives {
    private Derivatives() {
    }

    /**
     * The gradient of f at x by reverse mode: one evaluation on {@link Scalar}s, one backward.
     *
     * @param f the function
     * @param x the point
     * @return the gradient, one entry per input
     */
    public static double[] reverse(ScalarFunction f, double... x) {
        requireArguments(f, x);
        List<Scalar> inputs = Scalar.leaves(x);
        f.apply(inputs).backward();
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            gradient[i] = inputs.get(i).grad();
        }
        return gradient;
    }

    /**
     * The gradient of f at x by forward mode: one evaluation on {@link Dual}s per input.
     *
     * @param f the function
     * @param x the point
     * @return the gradient, one entry per input
     */
    public static double[] forward(ScalarFunction f, double... x) {
        requireArguments(f, x);
        double[] gradient = new double[x.length];
        double[] unit = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            unit[i] = 1;
            gradient[i] = directional(f, x, unit);
            unit[i] = 0;
        }
        return gradient;
    }

    /**
     * The directional derivative ∇f(x)·v by one forward-mode pass (a Jacobian-vector product).
     *
     * @param f the function
     * @param x the point
     * @param v the direction, one entry per input
     * @return ∇f(x)·v
     */
    public static double directional(ScalarFunction f, double[] x, double[] v) {
        requireArguments(f, x);
        requireNonNull(v, "directional: v is null");
        if (v.length != x.length) {
            throw new IllegalArgumentException(
                    "directional: v has " + v.length + " components but x has " + x.length);
        }
        List<Dual> inputs = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            inputs.add(Dual.of(x[i], v[i]));
        }
        return f.apply(inputs).tangent();
    }

    /**
     * The value f(x) in plain double arithmetic ({@link Real}).
     *
     * @param f the function
     * @param x the point
     * @return f(x)
     */
    public static double value(ScalarFunction f, double... x) {
        requireArguments(f, x);
        List<Real> inputs = new ArrayList<>(x.length);
        for (double xi : x) {
            inputs.add(Real.of(xi));
        }
        return f.apply(inputs).value();
    }

    private static void requireArguments(ScalarFunction f, double[] x) {
        requireNonNull(f, "f is null");
        requireNonNull(x, "x is null");
    }
}
