package org.autodiff.core.scalar;

import java.util.List;

/**
 * A function of several scalars written once against {@link Num}, so that {@link Derivatives}
 * can run it in reverse mode, forward mode or plain arithmetic.
 *
 * <p>The method is generic, so a lambda cannot implement it; a reference to a generic static
 * method can, and so can an anonymous class:
 * <pre>{@code
 * static <T extends Num<T>> T f(List<T> x) {
 *     return x.get(0).mul(x.get(1)).add(x.get(0).sin());   // x0·x1 + sin x0
 * }
 *
 * double[] gradient = Derivatives.reverse(MyClass::f, 2.0, 3.0);
 * }</pre>
 */
@FunctionalInterface
public interface ScalarFunction {

    /**
     * Evaluates the function. Lift constants with {@link Num#constant(double)} on any input.
     *
     * @param <T> the number type: plain, reverse-mode or forward-mode
     * @param x the inputs, at least one
     * @return the function's value
     */
    <T extends Num<T>> T apply(List<T> x);
}
