package org.autodiff.core.ops;

import org.autodiff.core.Tensor;

/** Activation functions composed from primitives: they need no derivative rules of their own. */
public final class Activations {
    private Activations() {
    }

    /** x where x &gt; 0, slope·x elsewhere; at 0 the gradient is the slope, as in PyTorch. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Tensor.where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** GELU with the exact Gaussian CDF: x·½(1 + erf(x/√2)). */
    public static Tensor gelu(Tensor x) {
        return x.mul(x.mul(1 / Math.sqrt(2)).erf().add(1)).mul(0.5);
    }

    /**
     * Clamps into [min, max]. Built from {@code where} so the gradient passes exactly where
     * min ≤ x ≤ max (the bounds included), as PyTorch's clamp.
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        Tensor lo = Rules.constant(x, min), hi = Rules.constant(x, max);
        return Tensor.where(x.lt(min), lo, Tensor.where(x.gt(max), hi, x));
    }
}
