package org.autodiff.core.scalar;

import static java.util.Objects.requireNonNull;

/**
 * A plain {@code double} behind the {@link Num} interface: evaluates a function written for
 * automatic differentiation without recording or carrying any derivative, for its value and
 * for numerical differentiation. Immutable.
 *
 * @param value the number
 */
public record Real(double value) implements Num<Real> {

    /**
     * The number {@code value}.
     *
     * @param value the value
     * @return the number
     */
    public static Real of(double value) {
        return new Real(value);
    }

    @Override
    public Real constant(double value) {
        return new Real(value);
    }

    @Override
    public Real add(Real other) {
        requireNonNull(other, "add: other is null");
        return new Real(value + other.value);
    }

    @Override
    public Real add(double c) {
        return new Real(value + c);
    }

    @Override
    public Real sub(Real other) {
        requireNonNull(other, "sub: other is null");
        return new Real(value - other.value);
    }

    @Override
    public Real sub(double c) {
        return new Real(value - c);
    }

    @Override
    public Real mul(Real other) {
        requireNonNull(other, "mul: other is null");
        return new Real(value * other.value);
    }

    @Override
    public Real mul(double c) {
        return new Real(value * c);
    }

    @Override
    public Real div(Real other) {
        requireNonNull(other, "div: other is null");
        return new Real(value / other.value);
    }

    @Override
    public Real div(double c) {
        return new Real(value / c);
    }

    @Override
    public Real neg() {
        return new Real(-value);
    }

    @Override
    public Real pow(double exponent) {
        return new Real(Math.pow(value, exponent));
    }

    @Override
    public Real pow(Real exponent) {
        requireNonNull(exponent, "pow: exponent is null");
        return new Real(Math.pow(value, exponent.value));
    }

    @Override
    public Real exp() {
        return new Real(Math.exp(value));
    }

    @Override
    public Real log() {
        return new Real(Math.log(value));
    }

    @Override
    public Real sqrt() {
        return new Real(Math.sqrt(value));
    }

    @Override
    public Real sin() {
        return new Real(Math.sin(value));
    }

    @Override
    public Real cos() {
        return new Real(Math.cos(value));
    }

    @Override
    public Real tanh() {
        return new Real(Math.tanh(value));
    }

    @Override
    public Real sigmoid() {
        return new Real(ElementaryFunctions.sigmoid(value));
    }

    @Override
    public Real relu() {
        return new Real(Math.max(0.0, value));
    }

    @Override
    public Real softplus() {
        return new Real(ElementaryFunctions.softplus(value));
    }

    @Override
    public Real abs() {
        return new Real(Math.abs(value));
    }
}
