package org.autodiff.nn.loss;

import org.autodiff.core.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The mean over all elements (PyTorch's default). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: the per-element losses. */
    NONE;

    /** Applies this reduction to per-element losses. */
    public Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
