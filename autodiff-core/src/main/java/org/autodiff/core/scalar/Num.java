package org.autodiff.core.scalar;

/**
 * The arithmetic a differentiable scalar function may use, so that one function body runs in
 * every mode: on {@link Scalar} it records a graph for reverse mode, on {@link Dual} it
 * carries a tangent for forward mode, on {@link Real} it is plain {@code double} arithmetic
 * (for numerical differentiation and for a cheap value).
 *
 * <p>Write the function as a generic method, for example
 * <pre>{@code
 * static <T extends Num<T>> T f(T x, T y) {
 *     return x.mul(y).add(x.sin());   // x·y + sin x
 * }
 * }</pre>
 *
 * <p>Every operation returns a new value and leaves its operands untouched. Non-finite values
 * propagate as IEEE 754 says ({@code log(-1)} is NaN, {@code 1/0} is infinity), as in PyTorch;
 * nothing is checked or clamped. A null operand throws {@link NullPointerException} naming the
 * operation and the argument.
 *
 * <p>Derivatives at kinks follow PyTorch: {@code relu'(0) = 0} and {@code abs'(0) = sign(0) = 0}.
 *
 * @param <T> the concrete number type, so that operations on it return it
 */
public interface Num<T extends Num<T>> {

    /**
     * The plain value of this number.
     *
     * @return the value, without derivative information
     */
    double value();

    /**
     * Lifts a constant into this number type; a constant carries no derivative.
     *
     * @param value the constant
     * @return the constant as a number of this type
     */
    T constant(double value);

    /**
     * {@code this + other}.
     *
     * @param other the addend
     * @return the sum
     */
    T add(T other);

    /**
     * {@code this + c}.
     *
     * @param c the addend
     * @return the sum
     */
    T add(double c);

    /**
     * {@code this - other}.
     *
     * @param other the subtrahend
     * @return the difference
     */
    T sub(T other);

    /**
     * {@code this - c}.
     *
     * @param c the subtrahend
     * @return the difference
     */
    T sub(double c);

    /**
     * {@code this · other}.
     *
     * @param other the factor
     * @return the product
     */
    T mul(T other);

    /**
     * {@code this · c}.
     *
     * @param c the factor
     * @return the product
     */
    T mul(double c);

    /**
     * {@code this / other}.
     *
     * @param other the divisor
     * @return the quotient
     */
    T div(T other);

    /**
     * {@code this / c}.
     *
     * @param c the divisor
     * @return the quotient
     */
    T div(double c);

    /**
     * {@code -this}.
     *
     * @return the negation
     */
    T neg();

    /**
     * {@code this^c} for a constant exponent; {@code d/dx x^c = c·x^(c−1)}, and 0 when c = 0.
     *
     * @param exponent the constant exponent c
     * @return the power
     */
    T pow(double exponent);

    /**
     * {@code this^exponent} with a differentiable exponent. The exponent's partial
     * {@code x^y·ln x} is taken as 0 where {@code x = 0} and {@code y ≥ 0}, as PyTorch does, so
     * that {@code 0^y} does not poison gradients with {@code 0·(−∞)}.
     *
     * @param exponent the exponent
     * @return the power
     */
    T pow(T exponent);

    /**
     * {@code e^this}.
     *
     * @return the exponential
     */
    T exp();

    /**
     * Natural logarithm; NaN below 0, −∞ at 0.
     *
     * @return the logarithm
     */
    T log();

    /**
     * Square root; its derivative at 0 is +∞.
     *
     * @return the square root
     */
    T sqrt();

    /**
     * Sine.
     *
     * @return the sine
     */
    T sin();

    /**
     * Cosine.
     *
     * @return the cosine
     */
    T cos();

    /**
     * Hyperbolic tangent.
     *
     * @return the hyperbolic tangent
     */
    T tanh();

    /**
     * The logistic function {@code 1 / (1 + e^−x)}, computed without overflow.
     *
     * @return the sigmoid
     */
    T sigmoid();

    /**
     * {@code max(0, x)}; derivative 0 at 0.
     *
     * @return the rectified value
     */
    T relu();

    /**
     * {@code log(1 + e^x)}, as PyTorch's softplus with beta 1 and threshold 20: it returns
     * {@code x} itself above 20, where {@code log(1 + e^x)} equals {@code x} to double
     * precision anyway.
     *
     * @return the softplus
     */
    T softplus();

    /**
     * {@code |x|}; derivative {@code sign(x)}, which is 0 at 0.
     *
     * @return the absolute value
     */
    T abs();
}
