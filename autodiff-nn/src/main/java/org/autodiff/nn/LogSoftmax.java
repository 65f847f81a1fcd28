package org.autodiff.nn;

import org.autodiff.core.Tensor;

/** Applies x − log Σexp(x), computed stably, along one dim, like PyTorch's {@code nn.LogSoftmax}. */
public final class LogSoftmax extends Module {
    private final int dim;

    /** Along {@code dim} (negative counts from the end). */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
