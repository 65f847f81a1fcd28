package org.autodiff.core.scalar;

import static java.util.Objects.requireNonNull;

/**
 * A dual number {@code value + tangent·ε} with {@code ε² = 0}: forward-mode differentiation.
 * Evaluating a function on duals whose tangents form a direction {@code v} gives, beside the
 * value, the directional derivative {@code ∇f·v} in the tangent, in one pass.
 *
 * <p>Each operation computes its value and, beside it, the tangent by the chain rule: the
 * same local partials {@link Scalar} records, multiplied by the input tangents instead of
 * the output adjoint. Immutable.
 *
 * @param value   the primal value
 * @param tangent the derivative of the value along the chosen direction
 */
public record Dual(double value, double tangent) implements Num<Dual> {

    /**
     * A dual with the given value and tangent.
     *
     * @param value the value
     * @param tangent the derivative carried along
     * @return the dual number
     */
    public static Dual of(double value, double tangent) {
        return new Dual(value, tangent);
    }

    /**
     * The input being differentiated by: tangent 1.
     *
     * @param value the value
     * @return a dual with tangent 1
     */
    public static Dual variable(double value) {
        return new Dual(value, 1);
    }

    @Override
    public Dual constant(double value) {
        return new Dual(value, 0);
    }

    @Override
    public Dual add(Dual other) {
        requireNonNull(other, "add: other is null");
        return new Dual(value + other.value, tangent + other.tangent);
    }

    @Override
    public Dual add(double c) {
        return new Dual(value + c, tangent);
    }

    @Override
    public Dual sub(Dual other) {
        requireNonNull(other, "sub: other is null");
        return new Dual(value - other.value, tangent - other.tangent);
    }

    @Override
    public Dual sub(double c) {
        return new Dual(value - c, tangent);
    }

    @Override
    public Dual mul(Dual other) {
        requireNonNull(other, "mul: other is null");
        return new Dual(value * other.value, tangent * other.value + other.tangent * value);
    }

    @Override
    public Dual mul(double c) {
        return new Dual(value * c, tangent * c);
    }

    @Override
    public Dual div(Dual other) {
        requireNonNull(other, "div: other is null");
        double y = other.value;
        return new Dual(value / y, tangent * (1 / y) + other.tangent * (-value / (y * y)));
    }

    @Override
    public Dual div(double c) {
        return new Dual(value / c, tangent * (1 / c));
    }

    @Override
    public Dual neg() {
        return new Dual(-value, -tangent);
    }

    @Override
    public Dual pow(double exponent) {
        return new Dual(Math.pow(value, exponent),
                tangent * ElementaryFunctions.powerRuleDerivative(value, exponent));
    }

    @Override
    public Dual pow(Dual exponent) {
        requireNonNull(exponent, "pow: exponent is null");
        double y = exponent.value;
        double out = Math.pow(value, y);
        return new Dual(out,
                tangent * ElementaryFunctions.powerRuleDerivative(value, y)
                        + exponent.tangent * ElementaryFunctions.exponentDerivative(value, y, out));
    }

    @Override
    public Dual exp() {
        double out = Math.exp(value);
        return new Dual(out, tangent * out);
    }

    @Override
    public Dual log() {
        return new Dual(Math.log(value), tangent * (1 / value));
    }

    @Override
    public Dual sqrt() {
        double out = Math.sqrt(value);
        return new Dual(out, tangent * (0.5 / out));
    }

    @Override
    public Dual sin() {
        return new Dual(Math.sin(value), tangent * Math.cos(value));
    }

    @Override
    public Dual cos() {
        return new Dual(Math.cos(value), tangent * -Math.sin(value));
    }

    @Override
    public Dual tanh() {
        double out = Math.tanh(value);
        return new Dual(out, tangent * (1 - out * out));
    }

    @Override
    public Dual sigmoid() {
        double out = ElementaryFunctions.sigmoid(value);
        return new Dual(out, tangent * (out * (1 - out)));
    }

    @Override
    public Dual relu() {
        double out = Math.max(0.0, value);
        return new Dual(out, out > 0 ? tangent : 0);
    }

    @Override
    public Dual softplus() {
        return new Dual(ElementaryFunctions.softplus(value),
                tangent * ElementaryFunctions.softplusDerivative(value));
    }

    @Override
    public Dual abs() {
        return new Dual(Math.abs(value), tangent * ElementaryFunctions.sign(value));
    }
}
