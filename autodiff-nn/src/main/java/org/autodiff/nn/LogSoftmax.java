package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies x − log Σexp(x), computed stably, along one dim, like PyTorch's {@code nn.LogSoftmax}. */
public final class LogSoftmax extends Module {
    private final int dim;

    /**
     * Along {@code dim} (negative counts from the end).
     *
     * @param dim the dim to normalise along
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "LogSoftmax.forward: input is null");
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
