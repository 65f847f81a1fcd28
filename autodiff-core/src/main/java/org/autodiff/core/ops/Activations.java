package org.autodiff.core.ops;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/** Activation functions composed from primitives: they need no derivative rules of their own. */
public final class Activations {
    private Activations() {
    }

    /**
     * x where x &gt; 0, slope·x elsewhere; at 0 the gradient is the slope, as in PyTorch.
     *
     * @param x the input
     * @param negativeSlope the slope for x ≤ 0
     * @return the activations
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        Objects.requireNonNull(x, "leakyRelu: x is null");
        Kernels.requireFloatingPoint(x, "leakyRelu");
        return Tensor.where(x.gt(0), x, x.mul(negativeSlope));
    }

    /**
     * GELU with the exact Gaussian CDF: x·½(1 + erf(x/√2)), the elementwise primitive (one kernel
     * forward and one backward, rather than five ops and their rules).
     *
     * @param x the input
     * @return the activations
     */
    public static Tensor gelu(Tensor x) {
        Objects.requireNonNull(x, "gelu: x is null");
        return Elementwise.gelu(x);
    }

    /**
     * {@code F.gelu(x, approximate)}: "none" the exact (erf) GELU, "tanh" its tanh approximation.
     *
     * @param x the input
     * @param approximate "none" or "tanh"
     * @return the activations
     */
    public static Tensor gelu(Tensor x, String approximate) {
        Objects.requireNonNull(x, "gelu: x is null");
        return switch (String.valueOf(approximate)) {
            case "none" -> gelu(x);
            case "tanh" -> Elementwise.geluTanh(x);
            default -> throw new IllegalArgumentException("gelu: approximate must be \"none\" or \"tanh\", got "
                    + (approximate == null ? "null" : "\"" + approximate + "\""));
        };
    }

    /**
     * ELU: x where x &gt; 0, α(eˣ − 1) elsewhere; at 0 the gradient is α, as in PyTorch. The
     * exponential only ever sees x ≤ 0, so a large x cannot turn the branch not taken into ∞
     * and its zero gradient into NaN.
     *
     * @param x the input
     * @param alpha the scale of the negative part
     * @return the activations
     */
    public static Tensor elu(Tensor x, double alpha) {
        Objects.requireNonNull(x, "elu: x is null");
        Kernels.requireFloatingPoint(x, "elu");
        Tensor positive = x.gt(0), zero = Rules.constant(x, 0);
        return Tensor.where(positive, x, Tensor.where(positive, zero, x).expm1().mul(alpha));
    }

    /**
     * Softplus with PyTorch's beta and threshold: log(1 + e^{βx})/β, and x itself where βx &gt;
     * threshold. Built on the stable softplus row (which never overflows), so neither branch
     * produces ∞ or NaN.
     *
     * @param x the input
     * @param beta the sharpness β
     * @param threshold the βx above which x is returned as is
     * @return the activations
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        Objects.requireNonNull(x, "softplus: x is null");
        Kernels.requireFloatingPoint(x, "softplus");
        if (beta == 0 || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("softplus: beta must be finite and non-zero, got " + beta);
        }
        Tensor z = x.mul(beta);
        return Tensor.where(z.gt(threshold), x, z.softplus().div(beta));
    }

    /**
     * Clamps into [min, max]. Built from {@code where} so the gradient passes exactly where
     * min ≤ x ≤ max (the bounds included), as PyTorch's clamp; as there, a NaN bound gives NaN
     * everywhere and an integer tensor a float32 result. Unlike PyTorch (max everywhere), min &gt;
     * max is refused.
     *
     * @param x the input
     * @param min the lower bound
     * @param max the upper bound
     * @return the clamped values
     * @throws IllegalArgumentException if min &gt; max
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        Objects.requireNonNull(x, "clamp: x is null");
        if (!x.dtype().isFloatingPoint()) {
            // Double bounds are Python floats: PyTorch clamps an int64 or bool tensor into float32.
            x = x.to(DType.FLOAT32);
        }
        if (Double.isNaN(min) || Double.isNaN(max)) {
            // A NaN bound makes every element NaN in PyTorch, not a bound that is ignored.
            return x.mul(Double.NaN);
        }
        if (min > max) {
            // PyTorch returns max everywhere; an empty interval is far likelier a swapped pair of bounds.
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max + " (shape "
                    + x.shape() + ")");
        }
        Tensor lo = Rules.constant(x, min), hi = Rules.constant(x, max);
        return Tensor.where(x.lt(min), lo, Tensor.where(x.gt(max), hi, x));
    }
}
